"""The static C of the `--backend c` kernel: the dtype macros, exp, the optimizers, the train loop.

Generated per network (kernel.py): the row pass `sp_pass` and the constants N_IN, N_OUT,
N_PARAMS, sp_decay. Everything here is the same for every network. Names: helpers are `static`;
the two exported functions are spelled SP_API(name), a prefix unique to the source's hash, and
the library is built with -fvisibility=hidden, so nothing of another library (a `step` or an
`exp` of its own) can bind to them, nor they to it.
"""

PRELUDE = r"""#include <math.h>
#include <stdint.h>
#include <string.h>

#define SP_EXPORT __attribute__((visibility("default")))
#define SP_INLINE inline __attribute__((always_inline))
#ifndef SP_MVEC
#define SP_MVEC 0
#endif

#if SP_FLOAT32
typedef float real;
#define SP_EXP expf
#define SP_LOG logf
#define SP_EXPM1 expm1f
#define SP_LOG1P log1pf
#define SP_SQRT sqrtf
#define SP_POW powf
#define SP_ABS fabsf
#define SP_COPYSIGN copysignf
#define SP_SIN sinf
#define SP_COS cosf
#define SP_SINH sinhf
#define SP_COSH coshf
#define SP_ATAN atanf
#define SP_ERF erff
#define EXP_MAX 80.0f /* largest exponent passed to exp: the result stays finite in float */
#else
typedef double real;
#define SP_EXP exp
#define SP_LOG log
#define SP_EXPM1 expm1
#define SP_LOG1P log1p
#define SP_SQRT sqrt
#define SP_POW pow
#define SP_ABS fabs
#define SP_COPYSIGN copysign
#define SP_SIN sin
#define SP_COS cos
#define SP_SINH sinh
#define SP_COSH cosh
#define SP_ATAN atan
#define SP_ERF erf
#define EXP_MAX 700.0 /* largest exponent passed to exp: the result stays finite in double */
#endif
/* min and max that keep a NaN first argument (as np.minimum and np.maximum do) */
#define SP_MIN(a, b) ((b) < (a) ? (b) : (a))
#define SP_MAX(a, b) ((b) > (a) ? (b) : (a))

#if SP_MVEC
/* glibc's vector math library (libmvec): declared simd, the row loop below calls its 4- or
   8-wide exp/log. Not -ffast-math: inf and NaN keep their meaning, so divergence is seen. */
double exp(double) __attribute__((simd("notinbranch")));
float expf(float) __attribute__((simd("notinbranch")));
double log(double) __attribute__((simd("notinbranch")));
float logf(float) __attribute__((simd("notinbranch")));
double expm1(double) __attribute__((simd("notinbranch")));
float expm1f(float) __attribute__((simd("notinbranch")));
double log1p(double) __attribute__((simd("notinbranch")));
float log1pf(float) __attribute__((simd("notinbranch")));
#else
/* No libmvec: a portable exp the compiler can vectorize (Cody-Waite reduction to
   |r| <= ln2/2, degree-13 Taylor polynomial, 2^k from the exponent bits; within 2 ulp of exp
   for x > -708, 0 below, inf above 709.78, NaN kept). */
static SP_INLINE double sp_exp_portable(const double x)
{
    const double c = x > 709.0 ? 709.0 : (x < -708.0 ? -708.0 : x);
    const double k = (double)(int64_t)(c * 1.4426950408889634 + (c >= 0 ? 0.5 : -0.5));
    const double r = (c - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    const int64_t bits = (int64_t)(k + 1023.0) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    const double y = p * scale;
    return x != x ? x : (x > 709.782712893384 ? (double)INFINITY : (x < -708.0 ? 0.0 : y));
}
static SP_INLINE float sp_expf_portable(const float x) { return (float)sp_exp_portable((double)x); }
#undef SP_EXP
#if SP_FLOAT32
#define SP_EXP sp_expf_portable
#else
#define SP_EXP sp_exp_portable
#endif
#endif

/* tanh from one expm1 of -2|z| (in (-1, 0]: no overflow, no cancellation near 0) */
static SP_INLINE real sp_tanh(const real z)
{
    const real t = SP_EXPM1(-2 * SP_ABS(z));
    return SP_COPYSIGN(-t / (t + 2), z);
}

static SP_INLINE real sp_sign(const real z) { return (real)((z > 0) - (z < 0)); }
"""

TRAIN = r"""
/* ---- the optimizers: the NumPy module's, operation for operation (the same roundings) ---- */
static void sp_update(real *restrict theta, real *restrict g, const int32_t opt,
                      const double *restrict hyper, real *restrict m, real *restrict v,
                      int64_t *restrict t)
{
    const double lr = hyper[0], wd = hyper[1], mu = hyper[2];
    const double b1 = hyper[3], b2 = hyper[4], eps = hyper[5];
    if (wd != 0) /* g + weight_decay * decay * theta: weights only, not biases */
        for (int64_t k = 0; k < N_PARAMS; ++k)
            g[k] = g[k] + ((real)wd * sp_decay[k]) * theta[k];
    if (opt == 0) { /* sgd: theta <- theta - lr g */
        for (int64_t k = 0; k < N_PARAMS; ++k)
            theta[k] -= g[k] * (real)lr;
    } else if (opt == 1) { /* momentum: v <- mu v + g; theta <- theta - lr v */
        for (int64_t k = 0; k < N_PARAMS; ++k) {
            v[k] *= (real)mu;
            v[k] += g[k];
            theta[k] -= v[k] * (real)lr;
        }
    } else { /* adam, bias-corrected */
        *t += 1;
        const double step = lr * pow(1 - pow(b2, (double)*t), 0.5) / (1 - pow(b1, (double)*t));
        for (int64_t k = 0; k < N_PARAMS; ++k) {
            m[k] *= (real)b1;
            m[k] += g[k] * (real)(1 - b1);
            v[k] *= (real)b2;
            real s = g[k] * g[k];
            v[k] += s * (real)(1 - b2);
            s = SP_SQRT(v[k]);
            s += (real)eps;
            s = m[k] / s;
            theta[k] -= s * (real)step;
        }
    }
}

/* (loss, gradients) of rows X[0:n], Y[0:n] into g; the batch-mean loss is returned */
SP_EXPORT double SP_API(value_and_gradients)(const real *restrict theta, const real *restrict X,
                                             const real *restrict Y, const int64_t n,
                                             real *restrict g)
{
    return sp_pass(theta, X, Y, n, g);
}

/* `epochs` epochs of training, in place on theta. batch >= n: full batch; else minibatches
   in the order perm[e*n : (e+1)*n] of epoch e (drawn by the caller's generator). history[e]:
   the epoch's mean loss. work: 2*N_PARAMS + batch*(N_IN + N_OUT) reals. Returns epochs; or
   -(e+1) when epoch e produced NaN or inf, theta then back at the end of epoch e-1. */
SP_EXPORT int64_t SP_API(train)(real *restrict theta, const real *restrict X,
                                const real *restrict Y, const int64_t n, const int64_t batch,
                                const int64_t *restrict perm, const int64_t epochs,
                                const int32_t opt, const double *restrict hyper,
                                real *restrict moments, int64_t *restrict t,
                                double *restrict history, real *restrict work)
{
    real *restrict g = work;
    real *restrict last = work + N_PARAMS;
    real *restrict Xb = work + 2 * N_PARAMS;
    real *restrict Yb = Xb + (batch < n ? batch : 0) * N_IN;
    for (int64_t e = 0; e < epochs; ++e) {
        double total = 0;
        memcpy(last, theta, sizeof(real) * N_PARAMS);
        if (batch >= n) {
            const double value = sp_pass(theta, X, Y, n, g);
            sp_update(theta, g, opt, hyper, moments, moments + N_PARAMS, t);
            total += value * (double)n;
        } else {
            for (int64_t start = 0; start < n; start += batch) {
                const int64_t nb = n - start < batch ? n - start : batch;
                const int64_t *restrict idx = perm + e * n + start;
                for (int64_t r = 0; r < nb; ++r) {
                    memcpy(Xb + r * N_IN, X + idx[r] * N_IN, sizeof(real) * N_IN);
                    memcpy(Yb + r * N_OUT, Y + idx[r] * N_OUT, sizeof(real) * N_OUT);
                }
                const double value = sp_pass(theta, Xb, Yb, nb, g);
                sp_update(theta, g, opt, hyper, moments, moments + N_PARAMS, t);
                total += value * (double)nb;
            }
        }
        history[e] = total / (double)n;
        int finite = isfinite(total);
        for (int64_t k = 0; k < N_PARAMS; ++k)
            finite &= isfinite(theta[k]) != 0;
        if (!finite) {
            memcpy(theta, last, sizeof(real) * N_PARAMS);
            return -(e + 1);
        }
    }
    return epochs;
}
"""
