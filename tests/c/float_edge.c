// Floating-point edge cases: NaN (compared and classified, never printed with its sign, which the
// platforms choose differently), infinities, signed zeros, min/max, copysign, abs, neg, sqrt, and the
// rounding family: rint/nearbyint (round half to even: f64.nearest), floor, ceil, trunc, round, in
// both f32 and f64.
#include <math.h>
#include <stdio.h>

static volatile double vd;
static volatile float vf;
static double D(double x) {
    vd = x;
    return vd;
}
static float F(float x) {
    vf = x;
    return vf;
}

// NaN's sign and payload are not portable: print a NaN as plain "nan".
static void pd(const char *what, double x) {
    if (isnan(x))
        printf("%s nan\n", what);
    else
        printf("%s %.17g%s\n", what, x, (x == 0 && signbit(x)) ? " (neg zero)" : "");
}
static void pf(const char *what, float x) {
    if (isnan(x))
        printf("%s nan\n", what);
    else
        printf("%s %.9g%s\n", what, (double)x, (x == 0 && signbit(x)) ? " (neg zero)" : "");
}

static const double V[] = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 0.49999999999999994,
                           1e300, -1e300, 4503599627370495.5, 4503599627370497.0, -4503599627370495.5,
                           9007199254740993.0, 1e-310, 2.0000000000000004, 0.1, 2.675};
#define NV (int)(sizeof V / sizeof V[0])

int main(void) {
    double inf = D(INFINITY), nan = D(NAN), nz = D(-0.0), z = D(0.0), one = D(1.0);

    printf("-- classification\n");
    printf("isnan %d %d %d\n", isnan(nan), isnan(inf), isnan(z / z));
    printf("isinf %d %d %d\n", isinf(inf) != 0, isinf(-inf) != 0, isinf(D(1e308) * 10) != 0);
    printf("nan==nan %d nan!=nan %d nan<1 %d nan>1 %d nan<=nan %d\n", nan == nan, nan != nan, nan < one,
           nan > one, nan <= nan);
    printf("-0==0 %d signbit(-0) %d signbit(0) %d\n", nz == z, signbit(nz) != 0, signbit(z) != 0);
    pd("1/-0", one / nz);
    pd("1/0", one / z);
    pd("-0+0", nz + z);
    pd("-0-0", nz - z);
    pd("-0*1", nz * one);
    pd("inf-inf", inf - inf);
    pd("inf*0", inf * z);
    pd("neg(0)", -z);
    pd("fabs(-0)", fabs(nz));
    pd("fabs(-inf)", fabs(-inf));
    printf("fpclassify %d %d %d %d %d\n", fpclassify(z) == FP_ZERO, fpclassify(D(1e-310)) == FP_SUBNORMAL,
           fpclassify(one) == FP_NORMAL, fpclassify(inf) == FP_INFINITE, fpclassify(nan) == FP_NAN);

    printf("-- min/max\n");
    pd("fmin(1,nan)", fmin(one, nan));
    pd("fmax(nan,1)", fmax(nan, one));
    pd("fmin(-inf,3)", fmin(-inf, D(3)));
    pd("fmax(-1,-2)", fmax(D(-1), D(-2)));
    pf("fminf(2,nan)", fminf(F(2), F(NAN)));
    pf("fmaxf(-3,7)", fmaxf(F(-3), F(7)));
    // The ternary forms are what compilers turn into f64.min/max-like selects.
    pd("x<y?x:y", D(2) < D(3) ? D(2) : D(3));

    printf("-- copysign/sqrt\n");
    pd("copysign(3,-0)", copysign(D(3), nz));
    pd("copysign(-3,0)", copysign(D(-3), z));
    pd("copysign(inf,-1)", copysign(inf, D(-1)));
    pf("copysignf(2,-1)", copysignf(F(2), F(-1)));
    pd("sqrt(2)", sqrt(D(2)));
    pd("sqrt(-0)", sqrt(nz));
    pd("sqrt(-1)", sqrt(D(-1)));
    pd("sqrt(inf)", sqrt(inf));
    pf("sqrtf(2)", sqrtf(F(2)));
    pd("fma-free 0.1+0.2", D(0.1) + D(0.2));
    pd("1/3", one / D(3));
    pf("1f/3f", F(1) / F(3));
    pd("1e308*10", D(1e308) * D(10));
    pd("5e-324/2", D(5e-324) / D(2));
    pd("min subnormal*2^52", D(5e-324) * D(4503599627370496.0));

    printf("-- rounding (f64)\n");
    for (int i = 0; i < NV; i++) {
        double x = D(V[i]);
        printf("x=%.17g\n", x);
        pd("  rint", rint(x));
        pd("  nearbyint", nearbyint(x));
        pd("  floor", floor(x));
        pd("  ceil", ceil(x));
        pd("  trunc", trunc(x));
        pd("  round", round(x));
    }
    pd("rint(inf)", rint(inf));
    pd("floor(-inf)", floor(-inf));
    pd("trunc(nan)", trunc(nan));

    printf("-- rounding (f32)\n");
    for (int i = 0; i < NV; i++) {
        float x = F((float)V[i]);
        printf("x=%.9g\n", (double)x);
        pf("  rintf", rintf(x));
        pf("  nearbyintf", nearbyintf(x));
        pf("  floorf", floorf(x));
        pf("  ceilf", ceilf(x));
        pf("  truncf", truncf(x));
        pf("  roundf", roundf(x));
    }

    printf("-- f32 arithmetic\n");
    float a = F(16777216.0f), b = F(1.0f);
    pf("2^24+1", a + b);
    pf("2^24+3", a + F(3.0f));
    pf("f32 overflow", F(3e38f) * F(10.0f));
    pf("f32 underflow", F(1e-30f) * F(1e-30f));
    pf("f32 -0", F(-0.0f) * F(5.0f));
    double acc = 0;
    float facc = 0;
    for (int i = 1; i <= 1000; i++) {
        acc += 1.0 / (double)i;
        facc += 1.0f / (float)i;
    }
    pd("harmonic64", acc);
    pf("harmonic32", facc);
    return 0;
}
