// printf of floating-point values: %f %e %g %a with widths, precisions and flags, exact decimal
// expansion of doubles, rounding at the last printed digit, infinities and signed zeros. This runs
// libc's float formatting (frexp, long multiplication on i32/i64) through the compiled code.
#include <math.h>
#include <stdio.h>

static volatile double vd;
static double D(double x) { vd = x; return vd; }

static const double V[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 0.125, 0.3, 2.0 / 3.0, 3.14159265358979,
                           100.0, 123456.789, 1e-5, 1.5e-7, 9.999999, 0.000123456, 1e15, 1e16, 1e21,
                           12345678901234567890.0, 1.7976931348623157e308, 2.2250738585072014e-308,
                           -273.15, 6.02214076e23, 0.05, 0.15, 0.25, 0.35, 1e100};
#define NV (int)(sizeof V / sizeof V[0])

int main(void) {
    for (int i = 0; i < NV; i++) {
        double x = D(V[i]);
        printf("[%f] [%.0f] [%.1f] [%.3f] [%10.2f] [%-10.1f] [%+.2f]\n", x, x, x, x, x, x, x);
        printf("[%e] [%.0e] [%.3e] [%E] [%12.4e]\n", x, x, x, x, x);
        printf("[%g] [%.1g] [%.3g] [%.10g] [%.17g] [%#g] [%G]\n", x, x, x, x, x, x, x);
        printf("[%a] [%A]\n", x, x);
    }
    // Values whose exact expansions are long.
    printf("%.60f\n", D(0.1));
    printf("%.0f\n", D(1e22));
    printf("%.0f\n", D(9007199254740993.0));
    printf("%.20e\n", D(1.0 / 3.0));
    printf("%.30g\n", D(2.0 / 7.0));
    // Rounding at the last digit (ties are decided on the exact binary value).
    printf("%.1f %.1f %.1f %.1f %.2f %.2f\n", D(0.25), D(0.35), D(0.45), D(-0.25), D(1.005), D(2.675));
    printf("%.0f %.0f %.0f %.0f %.0f\n", D(0.5), D(1.5), D(2.5), D(-0.5), D(-1.5));
    // Infinities, zeros, widths and flags.
    printf("[%f] [%e] [%g] [%5.1f] [%-6f|] [%+f]\n", D(INFINITY), D(-INFINITY), D(INFINITY), D(-INFINITY),
           D(INFINITY), D(INFINITY));
    printf("[%08.3f] [%-8.3f] [% f] [%+e] [%#.0f] [%#.0e] [%#x]\n", D(-3.14159), D(3.14159), D(2.0),
           D(-0.0), D(3.0), D(3.0), 255);
    printf("[%*.*f] [%-*.*e]\n", 12, 4, D(3.14159265), 14, 2, D(-2.71828));
    // float arguments are promoted to double.
    float f = (float)D(0.1);
    printf("%f %.9g %a\n", f, f, f);
    // A table of powers of two and ten.
    double p = 1;
    for (int i = 0; i < 70; i++, p *= 2) printf("2^%d = %.0f = %g = %a\n", i, p, p, p);
    p = 1;
    for (int i = 0; i < 40; i++, p /= 10) printf("10^-%d = %.25f %.17e\n", i, p, p);
    return 0;
}
