// C++ with clang++-19 and Debian's libc++ for wasm32-wasi, exceptions off: containers,
// algorithms, strings and streams, smart pointers, virtual calls, lambdas, static constructors,
// <random> seeded by std::random_device (WASI random_get), <chrono> clocks, and a file written
// and read back through C stdio (this libc++ is built without <fstream>/<filesystem>).
// dir: data::/data
// args: apples=3 pears=5 apples=4 figs=1
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const = 0;
};
struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    std::string name() const override { return "rect"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.14159265358979 * r * r; }
    std::string name() const override { return "circle"; }
};

// Runs before main (a static constructor).
static std::map<std::string, int> registry = {{"static-init", 1}};

int main(int argc, char **argv) {
    std::map<std::string, int> stock;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto eq = arg.find('=');
        stock[arg.substr(0, eq)] += std::stoi(arg.substr(eq + 1));
    }
    for (const auto &[item, count] : stock) std::cout << std::setw(8) << item << ": " << count << "\n";
    int total = std::accumulate(stock.begin(), stock.end(), 0, [](int s, const auto &kv) { return s + kv.second; });
    std::cout << "total " << total << ", registry has " << registry.size() << " entry\n";

    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Rect>(3, 4));
    shapes.push_back(std::make_unique<Circle>(1));
    shapes.push_back(std::make_unique<Rect>(0.5, 10));
    std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) { return a->area() < b->area(); });
    for (const auto &s : shapes) std::cout << s->name() << " " << std::fixed << std::setprecision(3) << s->area() << "\n";

    std::vector<int> v(20);
    std::iota(v.begin(), v.end(), 1);
    std::mt19937 fixed(42);
    std::shuffle(v.begin(), v.end(), fixed);
    std::stable_partition(v.begin(), v.end(), [](int x) { return x % 2 == 0; });
    std::ostringstream os;
    for (int x : v) os << x << ' ';
    std::string joined = os.str();
    std::cout << "evens first: " << std::count_if(v.begin(), v.begin() + 10, [](int x) { return x % 2 == 0; }) << " of 10, sum "
              << std::accumulate(v.begin(), v.end(), 0) << ", text length " << joined.size() << "\n";

    std::random_device rd;
    std::mt19937 gen(rd());
    std::uniform_int_distribution<int> dice(1, 6);
    int in_range = 0;
    for (int i = 0; i < 1000; i++) in_range += dice(gen) >= 1;
    std::cout << "dice in range: " << in_range << "/1000\n";

    auto t0 = std::chrono::steady_clock::now();
    auto t1 = std::chrono::steady_clock::now();
    auto wall = std::chrono::system_clock::now().time_since_epoch();
    std::cout << "steady clock monotonic: " << (t1 >= t0 ? "yes" : "no") << ", system clock after 2020: "
              << (std::chrono::duration_cast<std::chrono::seconds>(wall).count() > 1577836800 ? "yes" : "no") << "\n";

    if (FILE *f = std::fopen("/data/inventory.txt", "w")) {
        for (const auto &[item, count] : stock) std::fprintf(f, "%s %d\n", item.c_str(), count);
        std::fclose(f);
    }
    std::string back;
    if (FILE *f = std::fopen("/data/inventory.txt", "r")) {
        char buf[64];
        while (std::fgets(buf, sizeof buf, f)) back += buf;
        std::fclose(f);
    }
    std::cout << "file has " << std::count(back.begin(), back.end(), '\n') << " lines\n";
    std::cerr << "done (on stderr)" << std::endl;
    return 0;
}
