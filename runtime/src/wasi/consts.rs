//! WASI preview1 constants and the layouts of the structures exchanged through guest memory, as
//! `wasi_snapshot_preview1.witx` defines them (little-endian, C alignment).

/// Rights bits (`rights`).
pub mod rights {
    pub const FD_DATASYNC: u64 = 1 << 0;
    pub const FD_READ: u64 = 1 << 1;
    pub const FD_SEEK: u64 = 1 << 2;
    pub const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    pub const FD_SYNC: u64 = 1 << 4;
    pub const FD_TELL: u64 = 1 << 5;
    pub const FD_WRITE: u64 = 1 << 6;
    pub const FD_ADVISE: u64 = 1 << 7;
    pub const FD_ALLOCATE: u64 = 1 << 8;
    pub const PATH_CREATE_DIRECTORY: u64 = 1 << 9;
    pub const PATH_CREATE_FILE: u64 = 1 << 10;
    pub const PATH_LINK_SOURCE: u64 = 1 << 11;
    pub const PATH_LINK_TARGET: u64 = 1 << 12;
    pub const PATH_OPEN: u64 = 1 << 13;
    pub const FD_READDIR: u64 = 1 << 14;
    pub const PATH_READLINK: u64 = 1 << 15;
    pub const PATH_RENAME_SOURCE: u64 = 1 << 16;
    pub const PATH_RENAME_TARGET: u64 = 1 << 17;
    pub const PATH_FILESTAT_GET: u64 = 1 << 18;
    pub const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
    pub const PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
    pub const FD_FILESTAT_GET: u64 = 1 << 21;
    pub const FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
    pub const FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
    pub const PATH_SYMLINK: u64 = 1 << 24;
    pub const PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
    pub const PATH_UNLINK_FILE: u64 = 1 << 26;
    pub const POLL_FD_READWRITE: u64 = 1 << 27;
    pub const SOCK_SHUTDOWN: u64 = 1 << 28;
    pub const SOCK_ACCEPT: u64 = 1 << 29;
    /// Every right defined by preview1 (bits 0..=29).
    pub const ALL: u64 = (1 << 30) - 1;
    /// Rights that need the host descriptor open for reading / for writing.
    pub const NEED_READ: u64 = FD_READ | FD_READDIR;
    pub const NEED_WRITE: u64 = FD_WRITE | FD_DATASYNC | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;
    /// The rights a directory descriptor can hold (Wasmtime's set, plus the right `O_TRUNC`
    /// needs): the path functions, listing, and its own metadata. The file-only `fd_*` rights
    /// are for the files it opens (its inheriting rights).
    pub const DIR_BASE: u64 = PATH_CREATE_DIRECTORY
        | PATH_CREATE_FILE
        | PATH_LINK_SOURCE
        | PATH_LINK_TARGET
        | PATH_OPEN
        | FD_READDIR
        | PATH_READLINK
        | PATH_RENAME_SOURCE
        | PATH_RENAME_TARGET
        | PATH_FILESTAT_GET
        | PATH_FILESTAT_SET_SIZE
        | PATH_FILESTAT_SET_TIMES
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_TIMES
        | PATH_SYMLINK
        | PATH_REMOVE_DIRECTORY
        | PATH_UNLINK_FILE;
}

/// `filetype`.
pub mod filetype {
    pub const UNKNOWN: u8 = 0;
    pub const BLOCK_DEVICE: u8 = 1;
    pub const CHARACTER_DEVICE: u8 = 2;
    pub const DIRECTORY: u8 = 3;
    pub const REGULAR_FILE: u8 = 4;
    pub const SOCKET_DGRAM: u8 = 5;
    pub const SOCKET_STREAM: u8 = 6;
    pub const SYMBOLIC_LINK: u8 = 7;
}

/// `fdflags`.
pub mod fdflags {
    pub const APPEND: u16 = 1 << 0;
    pub const DSYNC: u16 = 1 << 1;
    pub const NONBLOCK: u16 = 1 << 2;
    pub const RSYNC: u16 = 1 << 3;
    pub const SYNC: u16 = 1 << 4;
    pub const ALL: u16 = (1 << 5) - 1;
}

/// `oflags` of `path_open`.
pub mod oflags {
    pub const CREAT: u16 = 1 << 0;
    pub const DIRECTORY: u16 = 1 << 1;
    pub const EXCL: u16 = 1 << 2;
    pub const TRUNC: u16 = 1 << 3;
    pub const ALL: u16 = (1 << 4) - 1;
}

/// `lookupflags`.
pub const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

/// `fstflags` of the `*_set_times` functions.
pub mod fstflags {
    pub const ATIM: u16 = 1 << 0;
    pub const ATIM_NOW: u16 = 1 << 1;
    pub const MTIM: u16 = 1 << 2;
    pub const MTIM_NOW: u16 = 1 << 3;
    pub const ALL: u16 = (1 << 4) - 1;
}

/// `eventtype`, `subclockflags`, `eventrwflags` of `poll_oneoff`.
pub mod event {
    pub const CLOCK: u8 = 0;
    pub const FD_READ: u8 = 1;
    pub const FD_WRITE: u8 = 2;
    pub const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;
    pub const FD_READWRITE_HANGUP: u16 = 1;
}

/// `riflags`, `roflags`, `sdflags` of the `sock_*` functions.
pub mod sock {
    pub const RECV_PEEK: u16 = 1 << 0;
    pub const RECV_WAITALL: u16 = 1 << 1;
    pub const RECV_DATA_TRUNCATED: u16 = 1 << 0;
    pub const SHUT_RD: u8 = 1 << 0;
    pub const SHUT_WR: u8 = 1 << 1;
}

/// `preopentype`.
pub const PREOPENTYPE_DIR: u8 = 0;

/// Sizes of guest structures.
pub mod size {
    /// `iovec`/`ciovec`: `buf: u32, buf_len: u32`.
    pub const IOVEC: u64 = 8;
    /// `fdstat`: filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16.
    pub const FDSTAT: u64 = 24;
    /// `filestat`: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48,
    /// ctim @56 (u64 unless noted).
    pub const FILESTAT: u64 = 64;
    /// `prestat`: tag u8 @0, pr_name_len u32 @4.
    pub const PRESTAT: u64 = 8;
    /// `dirent`: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; the name follows.
    pub const DIRENT: usize = 24;
    /// `subscription`: userdata u64 @0, tag u8 @8, then @16 either clock (id u32 @16, timeout
    /// u64 @24, precision u64 @32, flags u16 @40) or fd_readwrite (fd u32 @16).
    pub const SUBSCRIPTION: u64 = 48;
    /// `event`: userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24.
    pub const EVENT: u64 = 32;
}
