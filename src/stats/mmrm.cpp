// The MMRM of mmrm.h: argument checks, the design in R's column order, the REML fit by
// average-information Newton steps over the covariance entries, and the inference.
#include "stats/mmrm.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "stats/checks.h"
#include "stats/distributions.h"

namespace il2t::stats {

using Eigen::Index;
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;
// A matrix over one subject's visits: at most kMmrmMaxVisits square, kept off the heap.
using Small = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor, kMmrmMaxVisits, kMmrmMaxVisits>;
using Rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One missingness pattern: the visits seen, and the Cholesky factor of Σ over them.
struct Pattern {
  unsigned mask = 0;
  int n = 0;
  std::array<int, kMmrmMaxVisits> visit{};  // local position → visit
  std::array<int, kMmrmMaxVisits> pos{};    // visit → local position, or −1
  int count = 0;                            // subjects with this pattern
  Small L, S, SD;  // S: Σ (r r' + D D'), SD: Σ D D' over the pattern's subjects (whitened)
  double logdet = 0;
};

struct MmrmWorkspace::Impl {
  std::vector<std::size_t> order;  // rows sorted by subject, then visit
  std::vector<Index> start;        // subject i: sorted rows start[i] .. start[i + 1]
  std::vector<int> pattern_of;     // subject → pattern
  std::vector<Pattern> patterns;
  std::vector<int> pa, pb;         // covariance parameter k is Σ(pa[k], pb[k]), pa ≤ pb
  Rows XY, XYt, D, Ut;  // [X y] in sorted rows; whitened; X A^{-T}-whitened; AI's U
  Mat F, A, M, AI, J;
  std::vector<Mat> G;  // per covariance parameter: L_A⁻¹ X'WΣ_kWX L_A⁻ᵀ
  Vec rt, beta, score, step;
  Mat sigma, trial, grad;
  Eigen::LLT<Mat> llt_a, llt_ai;
  double reml = 0;
};

MmrmWorkspace::MmrmWorkspace() : impl_(std::make_unique<Impl>()) {}
MmrmWorkspace::~MmrmWorkspace() = default;
MmrmWorkspace::MmrmWorkspace(MmrmWorkspace&&) noexcept = default;
MmrmWorkspace& MmrmWorkspace::operator=(MmrmWorkspace&&) noexcept = default;

namespace {

constexpr const char* kFn = "mmrm";

std::string check_length(const char* name, std::size_t n, std::size_t want) {
  if (n != want) return fmt::format("{}: {} has {} values, but y has {}", kFn, name, n, want);
  return {};
}

std::string check_range(const char* name, std::span<const int> xs, int count, const char* count_name) {
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (xs[i] < 0 || xs[i] >= count)
      return fmt::format("{}: {}[{}] is {}, outside 0..{} ({} = {})", kFn, name, i, xs[i], count - 1, count_name, count);
  }
  return {};
}

std::string check_options(const MmrmOptions& o, int visits) {
  if (auto e = check_probability_open(kFn, "options.conf", o.conf); !e.empty()) return e;
  if (auto e = check_positive_count(kFn, "options.max_iterations", o.max_iterations); !e.empty()) return e;
  if (!(o.tolerance > 0) || !std::isfinite(o.tolerance))
    return fmt::format("{}: options.tolerance must be a positive number, got {}", kFn, o.tolerance);
  if (o.contrast_visit < -1 || o.contrast_visit >= visits)
    return fmt::format("{}: options.contrast_visit is {}, outside 0..{} (or −1 for the last visit)", kFn, o.contrast_visit,
                       visits - 1);
  return {};
}

std::string check_arguments(const MmrmData& d, const MmrmOptions& o) {
  const std::size_t n = d.y.size();
  if (d.visits < 1 || d.visits > kMmrmMaxVisits)
    return fmt::format("{}: visits must be between 1 and {}, got {}", kFn, kMmrmMaxVisits, d.visits);
  if (d.groups < 2) return fmt::format("{}: groups must be at least 2, got {}", kFn, d.groups);
  if (auto e = first_error(check_min_size(kFn, "y", n, 1), check_length("subject", d.subject.size(), n),
                           check_length("visit", d.visit.size(), n), check_length("group", d.group.size(), n),
                           d.baseline.empty() ? std::string() : check_length("baseline", d.baseline.size(), n),
                           check_finite(kFn, "y", d.y), check_finite(kFn, "baseline", d.baseline),
                           check_range("visit", d.visit, d.visits, "visits"),
                           check_range("group", d.group, d.groups, "groups"), check_options(o, d.visits));
      !e.empty())
    return e;
  for (std::size_t k = 0; k < d.covariates.size(); ++k) {
    const std::string name = fmt::format("covariates[{}]", k);
    if (auto e = first_error(check_length(name.c_str(), d.covariates[k].size(), n),
                             check_finite(kFn, name.c_str(), d.covariates[k]));
        !e.empty())
      return e;
  }
  return {};
}

// Column layout, as R's model.matrix for
// y ~ visit + group + baseline + covariates + visit:group + visit:baseline.
struct Layout {
  int V = 0, G = 0, C = 0;
  bool baseline = false;
  Index visit0 = 1, group0 = 0, base = 0, cov0 = 0, vg0 = 0, vb0 = 0, p = 0;
  Layout(int v, int g, int c, bool b) : V(v), G(g), C(c), baseline(b) {
    group0 = visit0 + (V - 1);
    base = group0 + (G - 1);
    cov0 = base + (b ? 1 : 0);
    vg0 = cov0 + C;
    vb0 = vg0 + Index{V - 1} * (G - 1);
    p = vb0 + (b ? V - 1 : 0);
  }
  Index visit(int v) const { return visit0 + v - 1; }             // v ≥ 1
  Index group(int g) const { return group0 + g - 1; }             // g ≥ 1
  Index visit_group(int v, int g) const { return vg0 + Index{g - 1} * (V - 1) + (v - 1); }
  Index visit_base(int v) const { return vb0 + v - 1; }
  std::vector<std::string> names() const {
    std::vector<std::string> out{"intercept"};
    for (int v = 1; v < V; ++v) out.push_back(fmt::format("visit{}", v));
    for (int g = 1; g < G; ++g) out.push_back(fmt::format("group{}", g));
    if (baseline) out.emplace_back("baseline");
    for (int c = 1; c <= C; ++c) out.push_back(fmt::format("covariate{}", c));
    for (int g = 1; g < G; ++g)
      for (int v = 1; v < V; ++v) out.push_back(fmt::format("visit{}:group{}", v, g));
    if (baseline)
      for (int v = 1; v < V; ++v) out.push_back(fmt::format("visit{}:baseline", v));
    return out;
  }
};

// Sorts the rows, finds the subjects and their patterns, and checks what the sorted
// rows show: a repeated visit, a subject in two groups, an empty visit or visit × group.
std::string arrange(const MmrmData& d, MmrmWorkspace::Impl& w) {
  const std::size_t n = d.y.size();
  w.order.resize(n);
  for (std::size_t i = 0; i < n; ++i) w.order[i] = i;
  std::sort(w.order.begin(), w.order.end(), [&](std::size_t a, std::size_t b) {
    return d.subject[a] != d.subject[b] ? d.subject[a] < d.subject[b] : d.visit[a] < d.visit[b];
  });
  w.start.clear();
  w.pattern_of.clear();
  w.patterns.clear();
  std::vector<int> seen(static_cast<std::size_t>(d.visits) * static_cast<std::size_t>(d.groups), 0);
  std::size_t i = 0;
  while (i < n) {
    const std::size_t r0 = w.order[i];
    const int id = d.subject[r0], g = d.group[r0];
    unsigned mask = 0;
    w.start.push_back(static_cast<Index>(i));
    for (; i < n && d.subject[w.order[i]] == id; ++i) {
      const std::size_t r = w.order[i];
      const int v = d.visit[r];
      if (mask & (1U << v)) return fmt::format("{}: subject {} has two rows at visit {}", kFn, id, v);
      if (d.group[r] != g) return fmt::format("{}: subject {} is in group {} and in group {}", kFn, id, g, d.group[r]);
      mask |= 1U << v;
      ++seen[static_cast<std::size_t>(v * d.groups + g)];
    }
    auto it = std::find_if(w.patterns.begin(), w.patterns.end(), [&](const Pattern& p) { return p.mask == mask; });
    if (it == w.patterns.end()) {
      Pattern p;
      p.mask = mask;
      p.pos.fill(-1);
      for (int v = 0; v < d.visits; ++v)
        if (mask & (1U << v)) {
          p.pos[static_cast<std::size_t>(v)] = p.n;
          p.visit[static_cast<std::size_t>(p.n++)] = v;
        }
      w.patterns.push_back(p);
      it = w.patterns.end() - 1;
    }
    ++it->count;
    w.pattern_of.push_back(static_cast<int>(it - w.patterns.begin()));
  }
  w.start.push_back(static_cast<Index>(n));
  for (int v = 0; v < d.visits; ++v) {
    int any = 0;
    for (int g = 0; g < d.groups; ++g) any += seen[static_cast<std::size_t>(v * d.groups + g)];
    if (any == 0) return fmt::format("{}: visit {} has no observations", kFn, v);
  }
  for (int g = 0; g < d.groups; ++g)
    for (int v = 0; v < d.visits; ++v)
      if (seen[static_cast<std::size_t>(v * d.groups + g)] == 0)
        return fmt::format("{}: group {} has no observations at visit {}", kFn, g, v);
  for (int a = 0; a < d.visits; ++a)
    for (int b = a + 1; b < d.visits; ++b) {
      const unsigned both = (1U << a) | (1U << b);
      const bool together = std::any_of(w.patterns.begin(), w.patterns.end(),
                                        [&](const Pattern& p) { return (p.mask & both) == both; });
      if (!together)
        return fmt::format("{}: visits {} and {} are never seen in one subject, so their covariance cannot be estimated",
                           kFn, a, b);
    }
  return {};
}

void build_design(const MmrmData& d, const Layout& lay, MmrmWorkspace::Impl& w) {
  const auto n = static_cast<Index>(d.y.size());
  w.XY.setZero(n, lay.p + 1);
  for (Index i = 0; i < n; ++i) {
    const std::size_t r = w.order[static_cast<std::size_t>(i)];
    const int v = d.visit[r], g = d.group[r];
    w.XY(i, lay.p) = d.y[r];
    w.XY(i, 0) = 1;
    if (v > 0) w.XY(i, lay.visit(v)) = 1;
    if (g > 0) w.XY(i, lay.group(g)) = 1;
    if (lay.baseline) w.XY(i, lay.base) = d.baseline[r];
    for (int c = 0; c < lay.C; ++c) w.XY(i, lay.cov0 + c) = d.covariates[static_cast<std::size_t>(c)][r];
    if (v > 0 && g > 0) w.XY(i, lay.visit_group(v, g)) = 1;
    if (v > 0 && lay.baseline) w.XY(i, lay.visit_base(v)) = d.baseline[r];
  }
}

// Forward substitution L·z = z over one subject's rows (row a of the block is visit
// position a): the rows of a row-major block become L⁻¹ times them.
void forward_rows(const Small& L, Rows& m, Index s0, int n) {
  for (int a = 0; a < n; ++a) {
    auto ra = m.row(s0 + a);
    for (int b = 0; b < a; ++b) ra -= L(a, b) * m.row(s0 + b);
    ra /= L(a, a);
  }
}

// The REML log-likelihood at `sigma`, leaving the whitened design and response
// (L_i⁻¹[X_i y_i]), X'Σ⁻¹X's factor, β and the whitened residuals in the workspace;
// false when Σ or X'Σ⁻¹X is not positive definite.
bool evaluate(MmrmWorkspace::Impl& w, const Mat& sigma) {
  double logdet = 0;
  for (auto& p : w.patterns) {
    Small s(p.n, p.n);
    for (int a = 0; a < p.n; ++a)
      for (int b = 0; b < p.n; ++b)
        s(a, b) = sigma(p.visit[static_cast<std::size_t>(a)], p.visit[static_cast<std::size_t>(b)]);
    Eigen::LLT<Small> llt(s);
    if (llt.info() != Eigen::Success) return false;
    p.L = llt.matrixL();
    p.logdet = 0;
    for (int a = 0; a < p.n; ++a) p.logdet += 2 * std::log(p.L(a, a));
    logdet += p.count * p.logdet;
  }
  w.XYt = w.XY;
  const std::size_t subjects = w.pattern_of.size();
  for (std::size_t i = 0; i < subjects; ++i) {
    const Pattern& p = w.patterns[static_cast<std::size_t>(w.pattern_of[i])];
    forward_rows(p.L, w.XYt, w.start[i], p.n);
  }
  const Index np = w.XY.cols() - 1;
  w.M.setZero(np + 1, np + 1);
  w.M.selfadjointView<Eigen::Lower>().rankUpdate(w.XYt.transpose());
  w.A = w.M.topLeftCorner(np, np).selfadjointView<Eigen::Lower>();
  w.llt_a.compute(w.A);
  if (w.llt_a.info() != Eigen::Success) return false;
  w.beta = w.llt_a.solve(w.M.row(np).head(np).transpose());
  w.rt.noalias() = w.XYt.col(np) - w.XYt.leftCols(np) * w.beta;
  double logdet_a = 0;
  for (Index k = 0; k < np; ++k) logdet_a += 2 * std::log(w.llt_a.matrixLLT()(k, k));
  const double N = static_cast<double>(w.XY.rows());
  w.reml = -0.5 * ((N - static_cast<double>(np)) * std::log(2 * std::numbers::pi) + logdet + logdet_a + w.rt.squaredNorm());
  return std::isfinite(w.reml);
}

// The REML score over the covariance entries and the average-information matrix, at
// the point evaluate() last accepted; with `observed`, the observed information too.
void score_and_information(MmrmWorkspace::Impl& w, int V, bool observed) {
  const auto m = static_cast<Index>(w.pa.size());
  const Index N = w.XY.rows(), np = w.XY.cols() - 1;
  // D = Xt·L_A⁻ᵀ, so that W X A⁻¹ X' W = L⁻ᵀ D D' L⁻¹ subject by subject.
  w.D = w.XYt.leftCols(np);
  w.llt_a.matrixU().solveInPlace<Eigen::OnTheRight>(w.D);
  for (auto& p : w.patterns) {
    p.S.setZero(p.n, p.n);
    p.SD.setZero(p.n, p.n);
  }
  w.G.resize(static_cast<std::size_t>(m));
  if (observed)
    for (auto& g : w.G) g.setZero(np, np);
  Rows C(kMmrmMaxVisits, np);
  w.Ut.setZero(N, m);
  const std::size_t subjects = w.pattern_of.size();
  std::array<double, kMmrmMaxVisits> py{};
  for (std::size_t i = 0; i < subjects; ++i) {
    Pattern& p = w.patterns[static_cast<std::size_t>(w.pattern_of[i])];
    const Index s0 = w.start[i];
    for (int a = 0; a < p.n; ++a)
      for (int b = 0; b <= a; ++b) {
        const double dd = w.D.row(s0 + a).dot(w.D.row(s0 + b));
        p.SD(a, b) += dd;
        p.S(a, b) += w.rt(s0 + a) * w.rt(s0 + b) + dd;
      }
    // C = L⁻ᵀ D for this subject (rows = W X L_A⁻ᵀ), and G_k += C_a' C_b.
    for (int a = p.n - 1; a >= 0 && observed; --a) {
      C.row(a) = w.D.row(s0 + a);
      for (int b = a + 1; b < p.n; ++b) C.row(a) -= p.L(b, a) * C.row(b);
      C.row(a) /= p.L(a, a);
    }
    for (Index k = 0; k < m; ++k) {
      const int ia = p.pos[static_cast<std::size_t>(w.pa[static_cast<std::size_t>(k)])];
      const int ib = p.pos[static_cast<std::size_t>(w.pb[static_cast<std::size_t>(k)])];
      if (ia < 0 || ib < 0 || !observed) continue;
      w.G[static_cast<std::size_t>(k)].noalias() += C.row(ia).transpose() * C.row(ib);
    }
    // Py = L⁻ᵀ rt for this subject, then u_k = Σ_k·Py (Σ_k the symmetric unit at (pa, pb)).
    for (int a = p.n - 1; a >= 0; --a) {
      double z = w.rt(s0 + a);
      for (int b = a + 1; b < p.n; ++b) z -= p.L(b, a) * py[static_cast<std::size_t>(b)];
      py[static_cast<std::size_t>(a)] = z / p.L(a, a);
    }
    for (Index k = 0; k < m; ++k) {
      const int ia = p.pos[static_cast<std::size_t>(w.pa[static_cast<std::size_t>(k)])];
      const int ib = p.pos[static_cast<std::size_t>(w.pb[static_cast<std::size_t>(k)])];
      if (ia < 0 || ib < 0) continue;
      w.Ut(s0 + ia, k) += py[static_cast<std::size_t>(ib)];
      if (ia != ib) w.Ut(s0 + ib, k) += py[static_cast<std::size_t>(ia)];
    }
    forward_rows(p.L, w.Ut, s0, p.n);
  }
  // The score: ½ Σ_i E_i'[W(r r' + X A⁻¹ X')W − W]E_i, pattern by pattern.
  w.grad.setZero(V, V);
  for (auto& p : w.patterns) {
    Small M = p.S.selfadjointView<Eigen::Lower>();
    M.diagonal().array() -= p.count;
    p.L.triangularView<Eigen::Lower>().transpose().solveInPlace(M);
    p.L.triangularView<Eigen::Lower>().solveInPlace<Eigen::OnTheRight>(M);
    for (int a = 0; a < p.n; ++a)
      for (int b = 0; b < p.n; ++b)
        w.grad(p.visit[static_cast<std::size_t>(a)], p.visit[static_cast<std::size_t>(b)]) += 0.5 * M(a, b);
  }
  w.score.resize(m);
  for (Index k = 0; k < m; ++k) {
    const int a = w.pa[static_cast<std::size_t>(k)], b = w.pb[static_cast<std::size_t>(k)];
    w.score(k) = a == b ? w.grad(a, a) : w.grad(a, b) + w.grad(b, a);
  }
  // AI = ½ U'PU with P = W − W X A⁻¹ X' W.
  w.AI.setZero(m, m);
  w.AI.selfadjointView<Eigen::Lower>().rankUpdate(w.Ut.transpose());
  w.F.noalias() = w.D.transpose() * w.Ut;
  w.AI.selfadjointView<Eigen::Lower>().rankUpdate(w.F.transpose(), -1.0);
  w.AI = 0.5 * w.AI.selfadjointView<Eigen::Lower>().toDenseMatrix();
  if (!observed) return;
  // The observed information J = 2·AI − ½·T with T_kl = tr(PΣ_kPΣ_l)
  //   = Σ_p [count·tr(WΣ_kWΣ_l) − 2·tr(QΣ_kWΣ_l)] + tr(A⁻¹H_kA⁻¹H_l),
  // Q the diagonal blocks of W X A⁻¹ X' W and H_k = X'WΣ_kWX.
  for (std::size_t k = 0; k < static_cast<std::size_t>(m); ++k)
    if (w.pa[k] != w.pb[k]) w.G[k] = w.G[k] + w.G[k].transpose().eval();
  Mat T = Mat::Zero(m, m);
  for (Index k = 0; k < m; ++k)
    for (Index l = 0; l <= k; ++l) T(k, l) = (w.G[static_cast<std::size_t>(k)].array() * w.G[static_cast<std::size_t>(l)].array()).sum();
  for (auto& p : w.patterns) {
    Small Wp = Small::Identity(p.n, p.n), Qp = p.SD.selfadjointView<Eigen::Lower>();
    p.L.triangularView<Eigen::Lower>().solveInPlace(Wp);
    Wp = Wp.transpose() * Wp;  // L⁻ᵀL⁻¹
    p.L.triangularView<Eigen::Lower>().transpose().solveInPlace(Qp);
    p.L.triangularView<Eigen::Lower>().solveInPlace<Eigen::OnTheRight>(Qp);
    for (Index k = 0; k < m; ++k) {
      const int a = p.pos[static_cast<std::size_t>(w.pa[static_cast<std::size_t>(k)])];
      const int b = p.pos[static_cast<std::size_t>(w.pb[static_cast<std::size_t>(k)])];
      if (a < 0 || b < 0) continue;
      for (Index l = 0; l <= k; ++l) {
        const int c = p.pos[static_cast<std::size_t>(w.pa[static_cast<std::size_t>(l)])];
        const int d = p.pos[static_cast<std::size_t>(w.pb[static_cast<std::size_t>(l)])];
        if (c < 0 || d < 0) continue;
        // Σ over (x, y) ∈ E_k, (u, v) ∈ E_l of count·W_vx W_yu − 2·Q_vx W_yu.
        const std::array<std::array<int, 2>, 2> ek{{{a, b}, {b, a}}}, el{{{c, d}, {d, c}}};
        double t = 0;
        for (int i = 0; i < (a == b ? 1 : 2); ++i)
          for (int j = 0; j < (c == d ? 1 : 2); ++j) {
            const int x = ek[i][0], y = ek[i][1], u = el[j][0], v = el[j][1];
            t += (p.count * Wp(v, x) - 2 * Qp(v, x)) * Wp(y, u);
          }
        T(k, l) += t;
      }
    }
  }
  w.J = 2 * w.AI - 0.5 * T.selfadjointView<Eigen::Lower>().toDenseMatrix();
}

// Pairwise covariance of the OLS residuals, shrunk towards its diagonal until positive
// definite: the starting point. A singular design sets `singular` to a dependent column.
std::string start_values(MmrmWorkspace::Impl& w, int V, Index& singular) {
  const Index np = w.XY.cols() - 1;
  const Mat X = w.XY.leftCols(np);
  const Eigen::ColPivHouseholderQR<Mat> qr(X);
  if (qr.rank() < np) {
    // Name the first column that the columns before it span, as R's lm aliases it.
    for (singular = 1; singular < np; ++singular) {
      const Eigen::ColPivHouseholderQR<Mat> head(X.leftCols(singular + 1));
      if (head.rank() <= singular) break;
    }
    return "singular";
  }
  const Vec r = w.XY.col(np) - X * qr.solve(w.XY.col(np));
  Mat s = Mat::Zero(V, V), cnt = Mat::Zero(V, V);
  const std::size_t subjects = w.pattern_of.size();
  for (std::size_t i = 0; i < subjects; ++i) {
    const Pattern& p = w.patterns[static_cast<std::size_t>(w.pattern_of[i])];
    const Index s0 = w.start[i];
    for (int a = 0; a < p.n; ++a)
      for (int b = 0; b < p.n; ++b) {
        const int va = p.visit[static_cast<std::size_t>(a)], vb = p.visit[static_cast<std::size_t>(b)];
        s(va, vb) += r(s0 + a) * r(s0 + b);
        cnt(va, vb) += 1;
      }
  }
  s.array() /= cnt.array();
  const double scale = s.diagonal().maxCoeff();
  for (int v = 0; v < V; ++v)
    if (!(s(v, v) > 1e-20 * scale) || !(scale > 0))
      return fmt::format("{}: the responses at visit {} are fitted exactly (no residual variation)", kFn, v);
  Mat off = s;
  off.diagonal().setZero();
  for (double lambda : {1.0, 0.5, 0.25, 0.0}) {
    w.sigma = lambda * off;
    w.sigma.diagonal() = s.diagonal();
    if (Eigen::LLT<Mat>(w.sigma).info() == Eigen::Success) break;
  }
  return {};
}

TestResult t_result(std::string method, double est, double se, double df, double conf) {
  TestResult r;
  r.method = std::move(method);
  r.estimate = est;
  r.std_error = se;
  r.statistic = est / se;
  r.df = df;
  r.p_value = 2 * dist::t_cdf(-std::fabs(est / se), df);
  const double q = dist::t_quantile(1 - (1 - conf) / 2, df);
  r.ci = Interval{est - q * se, est + q * se};
  return r;
}


// Checks, arranges and builds the design, and finds the starting covariance; an empty
// string when the data can be fitted.
std::string prepare(const MmrmData& data, const MmrmOptions& options, MmrmWorkspace::Impl& w) {
  if (auto e = check_arguments(data, options); !e.empty()) return e;
  const int V = data.visits;
  const Layout lay(V, data.groups, static_cast<int>(data.covariates.size()), !data.baseline.empty());
  const auto N = static_cast<Index>(data.y.size());
  if (N <= lay.p) return fmt::format("{}: {} observations are too few for {} coefficients (REML needs more)", kFn, N, lay.p);
  if (auto e = arrange(data, w); !e.empty()) return e;
  build_design(data, lay, w);
  Index col = -1;
  if (auto e = start_values(w, V, col); !e.empty()) {
    if (col < 0) return e;
    return fmt::format("{}: the design is singular: column {} is a linear combination of the others", kFn,
                       lay.names()[static_cast<std::size_t>(col)]);
  }
  w.pa.clear();
  w.pb.clear();
  for (int a = 0; a < V; ++a)
    for (int b = a; b < V; ++b) {
      w.pa.push_back(a);
      w.pb.push_back(b);
    }
  return {};
}

// Average-information Newton steps from w.sigma; the number of steps, or an error.
std::string optimise(MmrmWorkspace::Impl& w, int V, const MmrmOptions& options, int& iterations) {
  if (!evaluate(w, w.sigma)) return fmt::format("{}: the starting covariance is not usable", kFn);
  for (iterations = 0; iterations < options.max_iterations; ++iterations) {
    // Average-information steps; from the fifth step on (AI converges only linearly,
    // slowly in small samples), Newton on the observed information where it is
    // positive definite.
    const bool newton = iterations >= 4;
    score_and_information(w, V, newton);
    if (newton) w.llt_ai.compute(w.J);
    if (!newton || w.llt_ai.info() != Eigen::Success) w.llt_ai.compute(w.AI);
    if (w.llt_ai.info() != Eigen::Success)
      return fmt::format("{}: the covariance parameters are not identifiable from these data", kFn);
    w.step = w.llt_ai.solve(w.score);
    const double decrement = w.score.dot(w.step);
    if (!std::isfinite(decrement)) break;
    const double before = w.reml;
    if (decrement < options.tolerance) {
      // Converged: take the last, tiny step too when the likelihood allows it.
      w.trial = w.sigma;
      for (std::size_t k = 0; k < w.pa.size(); ++k) {
        w.trial(w.pa[k], w.pb[k]) += w.step(static_cast<Index>(k));
        if (w.pa[k] != w.pb[k]) w.trial(w.pb[k], w.pa[k]) += w.step(static_cast<Index>(k));
      }
      if (evaluate(w, w.trial) && w.reml >= before) {
        w.sigma.swap(w.trial);
        return {};
      }
      evaluate(w, w.sigma);
      return {};
    }
    bool accepted = false;
    for (double t = 1; t > 1e-10; t *= 0.5) {
      w.trial = w.sigma;
      for (std::size_t k = 0; k < w.pa.size(); ++k) {
        const double dk = t * w.step(static_cast<Index>(k));
        w.trial(w.pa[k], w.pb[k]) += dk;
        if (w.pa[k] != w.pb[k]) w.trial(w.pb[k], w.pa[k]) += dk;
      }
      if (evaluate(w, w.trial) && w.reml >= before - 1e-10 * (1 + std::fabs(before))) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    w.sigma.swap(w.trial);
  }
  return fmt::format("{}: REML did not converge in {} iterations", kFn, options.max_iterations);
}

// The fit at the covariance evaluate() last accepted (w.sigma).
MmrmFit report(const MmrmData& data, const MmrmOptions& options, MmrmWorkspace::Impl& w, int it) {
  const int V = data.visits, G = data.groups;
  const Layout lay(V, G, static_cast<int>(data.covariates.size()), !data.baseline.empty());
  const auto N = static_cast<Index>(data.y.size());
  MmrmFit fit;
  fit.visits = V;
  fit.groups = G;
  fit.subjects = static_cast<int>(w.pattern_of.size());
  fit.observations = static_cast<int>(N);
  fit.iterations = it;
  fit.names = lay.names();
  const Index p = lay.p;
  fit.coef.assign(w.beta.data(), w.beta.data() + p);
  const Mat cov = w.llt_a.solve(Mat::Identity(p, p));
  fit.coef_cov.resize(static_cast<std::size_t>(p * p));
  for (Index i = 0; i < p; ++i)
    for (Index j = 0; j < p; ++j) fit.coef_cov[static_cast<std::size_t>(i * p + j)] = cov(i, j);
  fit.covariance.resize(static_cast<std::size_t>(V * V));
  for (int a = 0; a < V; ++a)
    for (int b = 0; b < V; ++b) fit.covariance[static_cast<std::size_t>(a * V + b)] = w.sigma(a, b);
  fit.reml_loglik = w.reml;
  fit.df = static_cast<double>(N - p);
  const int cv = options.contrast_visit < 0 ? V - 1 : options.contrast_visit;
  fit.contrast_visit = cv;

  Vec c(p);
  const auto test = [&](std::string method) {
    const double est = c.dot(w.beta), se = std::sqrt(c.dot(cov * c));
    return t_result(std::move(method), est, se, fit.df, options.conf);
  };
  for (int g = 1; g < G; ++g) {
    c.setZero();
    c(lay.group(g)) = 1;
    if (cv > 0) c(lay.visit_group(cv, g)) = 1;
    fit.contrasts.push_back(test(fmt::format("MMRM: group {} vs 0 at visit {}", g, cv)));
    c.setZero();
    c(lay.group(g)) = 1;
    for (int v = 1; v < V; ++v) c(lay.visit_group(v, g)) = 1.0 / V;
    fit.average_contrasts.push_back(test(fmt::format("MMRM: group {} vs 0, averaged over visits", g)));
  }
  const double mean_base = lay.baseline ? w.XY.col(lay.base).mean() : 0;
  for (int g = 0; g < G; ++g) {
    c.setZero();
    c(0) = 1;
    if (cv > 0) c(lay.visit(cv)) = 1;
    if (g > 0) c(lay.group(g)) = 1;
    if (g > 0 && cv > 0) c(lay.visit_group(cv, g)) = 1;
    if (lay.baseline) {
      c(lay.base) = mean_base;
      if (cv > 0) c(lay.visit_base(cv)) = mean_base;
    }
    for (int k = 0; k < lay.C; ++k) c(lay.cov0 + k) = w.XY.col(lay.cov0 + k).mean();
    fit.lsmeans.push_back({c.dot(w.beta), std::sqrt(c.dot(cov * c))});
  }
  return fit;
}

}  // namespace

Outcome<MmrmFit> mmrm(const MmrmData& data, const MmrmOptions& options) {
  MmrmWorkspace ws;
  return mmrm(data, options, ws);
}

Outcome<MmrmFit> mmrm(const MmrmData& data, const MmrmOptions& options, MmrmWorkspace& workspace) {
  MmrmWorkspace::Impl& w = workspace.impl();
  if (auto e = prepare(data, options, w); !e.empty()) return Outcome<MmrmFit>::fail(e);
  int iterations = 0;
  if (auto e = optimise(w, data.visits, options, iterations); !e.empty()) return Outcome<MmrmFit>::fail(e);
  return Outcome<MmrmFit>::ok(report(data, options, w, iterations));
}

Outcome<MmrmFit> mmrm_at_covariance(const MmrmData& data, std::span<const double> covariance,
                                    const MmrmOptions& options) {
  MmrmWorkspace ws;
  MmrmWorkspace::Impl& w = ws.impl();
  if (auto e = prepare(data, options, w); !e.empty()) return Outcome<MmrmFit>::fail(e);
  const int V = data.visits;
  if (auto e = first_error(check_finite(kFn, "covariance", covariance),
                           covariance.size() == static_cast<std::size_t>(V * V)
                               ? std::string()
                               : fmt::format("{}: covariance has {} values, but visits² is {}", kFn, covariance.size(), V * V));
      !e.empty())
    return Outcome<MmrmFit>::fail(e);
  for (int a = 0; a < V; ++a)
    for (int b = 0; b < V; ++b) {
      const double x = covariance[static_cast<std::size_t>(a * V + b)];
      if (x != covariance[static_cast<std::size_t>(b * V + a)])
        return Outcome<MmrmFit>::fail(fmt::format("{}: covariance is not symmetric at ({}, {})", kFn, a, b));
      w.sigma(a, b) = x;
    }
  if (!evaluate(w, w.sigma)) return Outcome<MmrmFit>::fail(fmt::format("{}: covariance is not positive definite", kFn));
  return Outcome<MmrmFit>::ok(report(data, options, w, 0));
}

}  // namespace il2t::stats
