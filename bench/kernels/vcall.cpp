// C++ virtual calls: a scene of shapes of six classes behind a base class, each frame asking
// every shape for its area, perimeter and a transformed copy through virtual functions (calls
// through vtables: call_indirect in Wasm). No exceptions. args: [frames] (default 50000).
// Checksum: the sums, rounded.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

struct Shape {
    virtual ~Shape() {}
    virtual double area() const = 0;
    virtual double perimeter() const = 0;
    virtual void scale(double f) = 0;
    virtual uint32_t kind() const = 0;
};

struct Circle : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.141592653589793 * r * r; }
    double perimeter() const override { return 2 * 3.141592653589793 * r; }
    void scale(double f) override { r *= f; }
    uint32_t kind() const override { return 1; }
};
struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    double perimeter() const override { return 2 * (w + h); }
    void scale(double f) override { w *= f; h *= f; }
    uint32_t kind() const override { return 2; }
};
struct Square : Rect {
    explicit Square(double s) : Rect(s, s) {}
    uint32_t kind() const override { return 3; }
};
struct Triangle : Shape {
    double a, b, c;
    Triangle(double a, double b, double c) : a(a), b(b), c(c) {}
    double area() const override {
        double s = (a + b + c) / 2;
        return std::sqrt(s * (s - a) * (s - b) * (s - c));
    }
    double perimeter() const override { return a + b + c; }
    void scale(double f) override { a *= f; b *= f; c *= f; }
    uint32_t kind() const override { return 4; }
};
struct Ring : Circle {
    double inner;
    Ring(double r, double i) : Circle(r), inner(i) {}
    double area() const override { return Circle::area() - 3.141592653589793 * inner * inner; }
    double perimeter() const override { return Circle::perimeter() + 2 * 3.141592653589793 * inner; }
    void scale(double f) override { Circle::scale(f); inner *= f; }
    uint32_t kind() const override { return 5; }
};
struct Poly : Shape {
    uint32_t n; double side;
    Poly(uint32_t n, double s) : n(n), side(s) {}
    double area() const override { return n * side * side / (4 * std::tan(3.141592653589793 / n)); }
    double perimeter() const override { return n * side; }
    void scale(double f) override { side *= f; }
    uint32_t kind() const override { return 6 + n; }
};

int main(int argc, char **argv) {
    int frames = argc > 1 ? std::atoi(argv[1]) : 50000;
    std::vector<std::unique_ptr<Shape>> scene;
    uint32_t s = 7;
    for (int i = 0; i < 2000; i++) {
        s = s * 1664525u + 1013904223u;
        double x = 1.0 + (s >> 16) % 100 / 25.0;
        switch (s % 6) {
        case 0: scene.emplace_back(new Circle(x)); break;
        case 1: scene.emplace_back(new Rect(x, x / 2 + 1)); break;
        case 2: scene.emplace_back(new Square(x)); break;
        case 3: scene.emplace_back(new Triangle(x + 2, x + 2.5, x + 3)); break;
        case 4: scene.emplace_back(new Ring(x + 1, x / 3)); break;
        default: scene.emplace_back(new Poly(5 + s % 4, x)); break;
        }
    }
    double area = 0, perim = 0;
    uint64_t kinds = 0;
    for (int f = 0; f < frames; f++) {
        double factor = (f & 1) ? 1.0009765625 : 0.9990243902439024;
        for (auto &sh : scene) {
            area += sh->area();
            perim += sh->perimeter();
            kinds += sh->kind();
            sh->scale(factor);
        }
    }
    std::printf("vcall %.6e %.6e %llu\n", area, perim, (unsigned long long)kinds);
    return 0;
}
