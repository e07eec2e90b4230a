// C++ exceptions, built with `em++ -O2 -fwasm-exceptions -sSTANDALONE_WASM` (the legacy Wasm
// encoding: try/catch/catch_all/rethrow/delegate) and compared with the native build: throws
// across frames, catch by type, rethrow, catch (...), destructors during unwinding, nested
// try blocks, exceptions caught inside destructors, and 100000 throw/catch round trips.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

static int live = 0;          // Guards alive right now.
static uint32_t trace = 2166136261u;  // FNV-1a over the events, printed at the end.

static void event(const char *what, int n) {
    for (const char *p = what; *p; p++) trace = (trace ^ (uint8_t)*p) * 16777619u;
    trace = (trace ^ (uint32_t)n) * 16777619u;
}

struct Guard {
    const char *name;
    int n;
    Guard(const char *name, int n) : name(name), n(n) { live++; }
    ~Guard() {
        live--;
        event(name, n);
        if (n < 3) printf("  ~Guard(%s, %d)\n", name, n);
    }
};

struct MyError : std::runtime_error {
    int code;
    MyError(const char *msg, int code) : std::runtime_error(msg), code(code) {}
};

struct Custom {  // Not derived from std::exception.
    int a;
    double b;
    char text[16];
};

struct Derived : Custom {
    int extra;
};

__attribute__((noinline)) static int depth(int n, int kind) {
    Guard g("depth", n);
    if (n == 0) {
        switch (kind) {
        case 0: throw MyError("my error", 42);
        case 1: throw 7;
        case 2: { Custom c{3, 2.5, "custom"}; throw c; }
        case 3: throw std::out_of_range("out of range");
        case 4: { Derived d; d.a = 9; d.b = -1.25; strcpy(d.text, "derived"); d.extra = 11; throw d; }
        case 5: throw std::string("a string");
        default: return 100;
        }
    }
    return depth(n - 1, kind) + 1;
}

static void catch_by_type() {
    printf("catch by type\n");
    for (int kind = 0; kind <= 6; kind++) {
        try {
            int r = depth(2, kind);
            printf(" kind %d returned %d\n", kind, r);
        } catch (const MyError &e) {
            printf(" kind %d MyError %s code %d\n", kind, e.what(), e.code);
        } catch (int i) {
            printf(" kind %d int %d\n", kind, i);
        } catch (const Derived &d) {
            printf(" kind %d Derived %d %.2f %s %d\n", kind, d.a, d.b, d.text, d.extra);
        } catch (const Custom &c) {
            printf(" kind %d Custom %d %.2f %s\n", kind, c.a, c.b, c.text);
        } catch (const std::exception &e) {
            printf(" kind %d std::exception %s\n", kind, e.what());
        } catch (...) {
            printf(" kind %d something else\n", kind);
        }
        printf("  live guards %d\n", live);
    }
}

__attribute__((noinline)) static void rethrower(int kind) {
    Guard g("rethrower", 0);
    try {
        depth(1, kind);
    } catch (const std::exception &e) {
        printf("  rethrower saw %s, rethrowing\n", e.what());
        throw;
    } catch (...) {
        printf("  rethrower saw something, rethrowing\n");
        throw;
    }
}

static void rethrow() {
    printf("rethrow\n");
    for (int kind : {0, 1, 3}) {
        try {
            rethrower(kind);
        } catch (const MyError &e) {
            printf(" outer MyError %s %d\n", e.what(), e.code);
        } catch (const std::logic_error &e) {
            printf(" outer logic_error %s\n", e.what());
        } catch (int i) {
            printf(" outer int %d\n", i);
        }
    }
    // std::exception_ptr: rethrow later, outside the handler.
    std::exception_ptr saved;
    try {
        depth(0, 0);
    } catch (...) {
        saved = std::current_exception();
    }
    try {
        std::rethrow_exception(saved);
    } catch (const MyError &e) {
        printf(" rethrow_exception %s %d\n", e.what(), e.code);
    }
}

static void nested() {
    printf("nested\n");
    try {
        Guard a("outer", 0);
        try {
            Guard b("inner", 1);
            throw 1;
        } catch (int i) {
            printf(" inner caught %d\n", i);
            try {
                throw MyError("from a handler", i + 1);
            } catch (const MyError &e) {
                printf(" handler's try caught %s %d\n", e.what(), e.code);
            }
            throw std::runtime_error("second");
        }
    } catch (const std::exception &e) {
        printf(" outer caught %s\n", e.what());
    }
    printf(" live guards %d\n", live);
}

// A destructor that runs during unwinding and uses exceptions itself, caught inside it.
struct Careful {
    ~Careful() {
        try {
            throw 5;
        } catch (int i) {
            printf("  ~Careful caught %d inside (uncaught_exceptions %d)\n", i, std::uncaught_exceptions());
        }
    }
};

static void destructors() {
    printf("destructors\n");
    try {
        Careful c;
        std::vector<std::string> v{"one", "two", "three"};
        Guard g("vector", 2);
        throw std::runtime_error("unwinding");
    } catch (const std::exception &e) {
        printf(" caught %s\n", e.what());
    }
}

__attribute__((noinline)) static int may_throw(int i) {
    if (i % 3 == 0) throw i;
    if (i % 3 == 1) throw MyError("loop", i);
    return i;
}

static void loop() {
    printf("loop\n");
    int64_t sum = 0;
    int caught = 0;
    for (int i = 0; i < 100000; i++) {
        Guard g("loop", 10);
        try {
            sum += may_throw(i);
        } catch (int v) {
            sum += v * 2;
            caught++;
        } catch (const MyError &e) {
            sum -= e.code;
            caught++;
        }
    }
    printf(" sum %lld caught %d live %d\n", (long long)sum, caught, live);
}

int main() {
    catch_by_type();
    rethrow();
    nested();
    destructors();
    loop();
    printf("trace %08x live %d\n", trace, live);
    return 0;
}
