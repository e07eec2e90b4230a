//! poll_oneoff (clocks and descriptors), proc_raise, and the sock_* functions on a socket pair.

use super::*;
use crate::wasi::consts::event;
use crate::wasi::{poll, sock};
use std::time::{Duration, Instant};

const SUBS: u32 = 4096;
/// An event as (userdata, error, type, nbytes, flags).
type Ev = (u64, u16, u8, u64, u16);
const EVENTS: u32 = 12288;

impl Guest {
    fn clock_sub(&self, i: u32, userdata: u64, id: u32, timeout: u64, flags: u16) {
        let s = SUBS + i * 48;
        self.memory.write(s as u64, &[0; 48]);
        self.memory.write(s as u64, &userdata.to_le_bytes());
        self.memory.write(s as u64 + 8, &[event::CLOCK]);
        self.memory.write(s as u64 + 16, &id.to_le_bytes());
        self.memory.write(s as u64 + 24, &timeout.to_le_bytes());
        self.memory.write(s as u64 + 40, &flags.to_le_bytes());
    }

    fn fd_sub(&self, i: u32, userdata: u64, ty: u8, fd: u32) {
        let s = SUBS + i * 48;
        self.memory.write(s as u64, &[0; 48]);
        self.memory.write(s as u64, &userdata.to_le_bytes());
        self.memory.write(s as u64 + 8, &[ty]);
        self.memory.write(s as u64 + 16, &fd.to_le_bytes());
    }

    fn poll(&self, n: u32) -> Result<Vec<Ev>, u32> {
        match unsafe { poll::poll_oneoff(self.vmctx(), SUBS, EVENTS, n, at::OUT) } {
            0 => Ok((0..self.u32_at(at::OUT))
                .map(|i| {
                    let e = EVENTS + i * 32;
                    let b = self.bytes(e, 32);
                    (
                        self.u64_at(e),
                        u16::from_le_bytes([b[8], b[9]]),
                        b[10],
                        self.u64_at(e + 16),
                        u16::from_le_bytes([b[24], b[25]]),
                    )
                })
                .collect()),
            e => Err(e),
        }
    }
}

#[test]
fn clock_subscriptions_sleep() {
    let g = Guest::new(ctx());
    let start = Instant::now();
    g.clock_sub(0, 7, 1, 30_000_000, 0); // 30 ms, monotonic, relative
    assert_eq!(g.poll(1), Ok(vec![(7, 0, event::CLOCK, 0, 0)]));
    let slept = start.elapsed();
    assert!(slept >= Duration::from_millis(30) && slept < Duration::from_secs(2), "{slept:?}");
    // The earliest of two clocks fires alone.
    g.clock_sub(0, 1, 1, 5_000_000_000, 0);
    g.clock_sub(1, 2, 0, 1_000_000, 0);
    assert_eq!(g.poll(2), Ok(vec![(2, 0, event::CLOCK, 0, 0)]));
    // An absolute deadline in the past fires at once.
    g.clock_sub(0, 3, 1, 1, event::SUBSCRIPTION_CLOCK_ABSTIME);
    assert_eq!(g.poll(1), Ok(vec![(3, 0, event::CLOCK, 0, 0)]));
    // An absolute realtime deadline 20 ms ahead.
    let now = crate::wasi::clock_nanos(0).unwrap();
    let start = Instant::now();
    g.clock_sub(0, 4, 0, now + 20_000_000, event::SUBSCRIPTION_CLOCK_ABSTIME);
    assert_eq!(g.poll(1), Ok(vec![(4, 0, event::CLOCK, 0, 0)]));
    assert!(start.elapsed() >= Duration::from_millis(15));
    // A CPU-time clock cannot be waited for: its event carries EINVAL.
    g.clock_sub(0, 5, 2, 1000, 0);
    assert_eq!(g.poll(1), Ok(vec![(5, Errno::Inval as u16, event::CLOCK, 0, 0)]));
    // No subscription, bad pointers, unknown type.
    assert_eq!(g.poll(0), Err(Errno::Inval as u32));
    unsafe {
        assert_eq!(poll::poll_oneoff(g.vmctx(), END - 40, EVENTS, 1, at::OUT), FAULT);
        assert_eq!(poll::poll_oneoff(g.vmctx(), SUBS, END - 16, 1, at::OUT), FAULT);
        assert_eq!(poll::poll_oneoff(g.vmctx(), SUBS, EVENTS, 1, END), FAULT);
        assert_eq!(poll::poll_oneoff(g.vmctx(), SUBS, EVENTS, u32::MAX, at::OUT), FAULT);
    }
    g.fd_sub(0, 6, 9, 0);
    assert_eq!(g.poll(1), Err(Errno::Inval as u32));
}

#[test]
fn descriptor_subscriptions() {
    let g = Guest::new(ctx());
    let (r, w) = g.pipe_as_stdout(); // guest 1 writes into the pipe
    let rd = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(r)).unwrap();
    // Nothing to read yet: the clock fires first.
    g.fd_sub(0, 10, event::FD_READ, rd);
    g.clock_sub(1, 11, 1, 10_000_000, 0);
    assert_eq!(g.poll(2), Ok(vec![(11, 0, event::CLOCK, 0, 0)]));
    // After a write, the read end has 5 bytes and the write end has room.
    g.write_all(1, b"ready").unwrap();
    g.fd_sub(1, 12, event::FD_WRITE, 1);
    assert_eq!(g.poll(2), Ok(vec![(10, 0, event::FD_READ, 5, 0), (12, 0, event::FD_WRITE, 0, 0)]));
    // A closed write end is a hangup.
    unsafe { libc::close(w) };
    g.ctx.fds_mut().unwrap().remove(1).unwrap();
    let got = g.poll(1).unwrap();
    assert_eq!(got[0].4 & event::FD_READWRITE_HANGUP, event::FD_READWRITE_HANGUP, "{got:?}");
    // Unknown descriptor: an EBADF event, at once.
    g.fd_sub(0, 13, event::FD_READ, 99);
    g.clock_sub(1, 14, 1, 5_000_000_000, 0);
    assert_eq!(g.poll(2), Ok(vec![(13, Errno::Badf as u16, event::FD_READ, 0, 0)]));
    unsafe { libc::close(r) };
}

#[test]
fn proc_raise_follows_default_actions() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    unsafe {
        assert_eq!(proc::proc_raise(v, 0), 0);
        assert_eq!(proc::proc_raise(v, 16), 0); // SIGCHLD: ignored
        assert_eq!(proc::proc_raise(v, 31), Errno::Inval as u32);
        let t = catch_traps(|| proc::proc_raise(v, 15)).unwrap_err(); // SIGTERM
        assert_eq!(t.exit_status(), Some(128 + libc::SIGTERM));
    }
}

#[test]
fn sockets() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    let mut sv = [0; 2];
    unsafe { assert_eq!(libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, sv.as_mut_ptr()), 0) };
    let a = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(sv[0])).unwrap();
    let b = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(sv[1])).unwrap();
    unsafe {
        assert_eq!(fd::fd_fdstat_get(v, a, at::OUT), 0);
        assert_eq!(g.bytes(at::OUT, 1), [6]); // socket_stream
        g.put(at::BUF, b"ping");
        g.iovs(at::IOVS, &[(at::BUF, 4)]);
        assert_eq!(sock::sock_send(v, a, at::IOVS, 1, 0, at::OUT), 0);
        assert_eq!(g.u32_at(at::OUT), 4);
        assert_eq!(sock::sock_send(v, a, at::IOVS, 1, 1, at::OUT), Errno::Inval as u32);
        g.iovs(at::IOVS, &[(at::BUF + 100, 2), (at::BUF + 200, 10)]);
        assert_eq!(sock::sock_recv(v, b, at::IOVS, 2, 1, at::OUT, at::OUT + 4), 0); // peek
        assert_eq!(g.u32_at(at::OUT), 4);
        assert_eq!(sock::sock_recv(v, b, at::IOVS, 2, 0, at::OUT, at::OUT + 4), 0);
        assert_eq!((g.bytes(at::BUF + 100, 2), g.bytes(at::BUF + 200, 2)), (b"pi".to_vec(), b"ng".to_vec()));
        assert_eq!(sock::sock_shutdown(v, a, 2), 0);
        assert_eq!(sock::sock_recv(v, b, at::IOVS, 2, 0, at::OUT, at::OUT + 4), 0);
        assert_eq!(g.u32_at(at::OUT), 0); // end of stream
        assert_eq!(sock::sock_shutdown(v, a, 4), Errno::Inval as u32);
        assert_eq!(sock::sock_recv(v, b, END - 4, 1, 0, at::OUT, at::OUT + 4), FAULT);
        // Not sockets.
        assert_eq!(sock::sock_recv(v, 0, at::IOVS, 1, 0, at::OUT, at::OUT + 4) == Errno::Notsock as u32, {
            let st = crate::wasi::sys::fstat(0).unwrap();
            st.st_mode & libc::S_IFMT != libc::S_IFSOCK
        });
        assert_eq!(sock::sock_accept(v, 99, 0, at::OUT), Errno::Badf as u32);
        assert_eq!(sock::sock_accept(v, a, 0, at::OUT), Errno::Inval as u32); // not listening
        libc::close(sv[0]);
        libc::close(sv[1]);
    }
}

#[test]
fn accept_on_a_listening_socket() {
    let g = Guest::new(ctx());
    let v = g.vmctx();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    use std::os::unix::io::AsRawFd;
    let l = g.ctx.fds_mut().unwrap().insert(FdEntry::stdio(listener.as_raw_fd())).unwrap();
    let client = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"hi").unwrap();
        let mut back = Vec::new();
        s.read_to_end(&mut back).unwrap();
        back
    });
    unsafe {
        assert_eq!(sock::sock_accept(v, l, 0, at::OUT), 0);
        let c = g.u32_at(at::OUT);
        g.iovs(at::IOVS, &[(at::BUF, 2)]);
        assert_eq!(sock::sock_recv(v, c, at::IOVS, 1, 2, at::OUT, at::OUT + 4), 0); // waitall
        assert_eq!(g.bytes(at::BUF, 2), b"hi");
        assert_eq!(g.write_all(c, b"bye"), Ok(3));
        assert_eq!(fd::fd_close(v, c), 0);
    }
    assert_eq!(client.join().unwrap(), b"bye");
}
