// SQLite (the amalgamation bundled by the libsqlite3-sys crate) on an in-memory database: bulk
// inserts through prepared statements in a transaction, an index, aggregates, a join, sorting,
// LIKE scans, updates and deletes. args: [rows] (default 300000). Checksum: query results.
#include <stdio.h>
#include <stdlib.h>
#include "sqlite3.h"

static sqlite3 *db;
static unsigned long long checksum;

static void exec(const char *sql) {
    char *err = 0;
    if (sqlite3_exec(db, sql, 0, 0, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s: %s\n", sql, err);
        exit(1);
    }
}
static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, 0) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s: %s\n", sql, sqlite3_errmsg(db));
        exit(1);
    }
    return st;
}
// Runs a query and folds every column of every row into the checksum; returns the row count.
static long query(const char *sql) {
    sqlite3_stmt *st = prepare(sql);
    long rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows++;
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            for (; t && *t; t++) checksum = checksum * 131 + *t;
        }
    }
    sqlite3_finalize(st);
    return rows;
}

int main(int argc, char **argv) {
    int rows = argc > 1 ? atoi(argv[1]) : 300000;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
    // Sorts too large for the page cache (CREATE INDEX) spill to temporary files by default; a Wasm
    // sandbox without a writable directory has none, so keep them in memory everywhere.
    exec("PRAGMA temp_store = MEMORY");
    exec("CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT, city INTEGER, score REAL)");
    exec("CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, amount INTEGER, note TEXT)");
    exec("BEGIN");
    sqlite3_stmt *ic = prepare("INSERT INTO customer VALUES(?, ?, ?, ?)");
    sqlite3_stmt *io = prepare("INSERT INTO orders VALUES(?, ?, ?, ?)");
    unsigned s = 2024;
    char buf[64];
    int customers = rows / 10;
    for (int i = 0; i < customers; i++) {
        s = s * 1103515245u + 12345u;
        snprintf(buf, sizeof buf, "customer-%u-%d", (s >> 10) % 100000, i);
        sqlite3_bind_int(ic, 1, i);
        sqlite3_bind_text(ic, 2, buf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ic, 3, (s >> 16) % 50);
        sqlite3_bind_double(ic, 4, (double)((s >> 8) % 10000) / 100.0);
        sqlite3_step(ic);
        sqlite3_reset(ic);
    }
    for (int i = 0; i < rows; i++) {
        s = s * 1103515245u + 12345u;
        snprintf(buf, sizeof buf, "%s order %d", (s >> 20) % 7 == 0 ? "urgent" : "normal", i);
        sqlite3_bind_int(io, 1, i);
        sqlite3_bind_int(io, 2, (s >> 8) % customers);
        sqlite3_bind_int(io, 3, (s >> 12) % 1000);
        sqlite3_bind_text(io, 4, buf, -1, SQLITE_TRANSIENT);
        sqlite3_step(io);
        sqlite3_reset(io);
    }
    sqlite3_finalize(ic);
    sqlite3_finalize(io);
    exec("COMMIT");
    exec("CREATE INDEX orders_customer ON orders(customer)");
    long n = 0;
    n += query("SELECT city, count(*), sum(score) FROM customer GROUP BY city ORDER BY city");
    n += query("SELECT customer, sum(amount) AS total FROM orders GROUP BY customer ORDER BY total DESC, customer LIMIT 20");
    n += query("SELECT c.city, count(*), sum(o.amount) FROM orders o JOIN customer c ON c.id = o.customer "
               "WHERE o.amount > 500 GROUP BY c.city ORDER BY 3 DESC");
    n += query("SELECT count(*) FROM orders WHERE note LIKE 'urgent%'");
    n += query("SELECT name FROM customer WHERE name LIKE '%-77%' ORDER BY name LIMIT 50");
    for (int k = 0; k < 2000; k++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*), max(amount) FROM orders WHERE customer = %d", (k * 7919) % customers);
        n += query(sql);
    }
    exec("BEGIN");
    exec("UPDATE orders SET amount = amount + 1 WHERE amount % 3 = 0");
    exec("DELETE FROM orders WHERE amount > 900");
    exec("COMMIT");
    n += query("SELECT count(*), sum(amount), avg(amount) FROM orders");
    n += query("SELECT customer, count(*) FROM orders GROUP BY customer HAVING count(*) > 14 ORDER BY customer");
    sqlite3_close(db);
    printf("sqlite %s rows=%d result_rows=%ld checksum=%016llx\n", sqlite3_libversion(), rows, n, checksum);
    return 0;
}
