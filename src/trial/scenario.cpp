#include "trial/scenario.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "model/rng.h"

namespace il2t::trial {

std::vector<std::vector<AssumedArm>> assumed_outcomes(const protocol::Protocol& p, const TrialDesign& d) {
  std::vector<std::vector<AssumedArm>> out(d.endpoints.size());
  for (std::size_t k = 0; k < d.endpoints.size(); ++k) {
    const EndpointPlan& e = d.endpoints[k];
    std::vector<AssumedArm> arms;
    for (std::size_t a : e.arms)
      for (const protocol::AssumedOutcome& x : p.assumed)
        if (x.endpoint.value == e.id && x.arm.value == d.arms[a].id) {
          AssumedArm y;
          y.response = x.rate.has_value();
          if (x.rate) y.rate = x.rate->value;
          if (x.mean) y.mean = x.mean->value;
          if (x.sd) y.sd = x.sd->value;
          arms.push_back(y);
        }
    if (arms.size() == e.arms.size()) out[k] = std::move(arms);  // validation asks for every compared arm
  }
  return out;
}

std::string describe(const AssumedArm& a) {
  return a.response ? fmt::format("response rate {:g}", a.rate) : fmt::format("mean {:g}, SD {:g}", a.mean, a.sd);
}

namespace {

bool number(std::string_view s, double& x) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), x);
  return r.ec == std::errc{} && r.ptr == s.data() + s.size() && std::isfinite(x);
}

}  // namespace

Expected<bool> add_assumption(protocol::Protocol& p, const std::string& text) {
  const auto fail = [&](const std::string& why) {
    return Error{.message = "--assume \"" + text + "\": " + why +
                            " (write ENDPOINT:ARM=RATE for a response, ENDPOINT:ARM=MEAN,SD for a value)"};
  };
  const std::size_t colon = text.find(':'), equals = text.find('=');
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) return fail("not ENDPOINT:ARM=…");
  protocol::AssumedOutcome a;
  a.endpoint.value = text.substr(0, colon);
  a.arm.value = text.substr(colon + 1, equals - colon - 1);
  if (a.endpoint.value.empty() || a.arm.value.empty()) return fail("the endpoint and the arm are both needed");
  const std::string value = text.substr(equals + 1);
  const protocol::Origin given{protocol::OriginKind::assumed, "", "given on the command line (--assume)"};
  double x = 0, y = 0;
  if (const std::size_t comma = value.find(','); comma != std::string::npos) {
    if (!number(std::string_view(value).substr(0, comma), x) || !number(std::string_view(value).substr(comma + 1), y))
      return fail("the mean and SD must be numbers");
    a.mean = protocol::Fact<double>{x, given, {}};
    a.sd = protocol::Fact<double>{y, given, {}};
  } else {
    if (!number(value, x)) return fail("the rate must be a number");
    a.rate = protocol::Fact<double>{x, given, {}};
  }
  a.origin = given;
  for (protocol::AssumedOutcome& old : p.assumed)
    if (old.endpoint.value == a.endpoint.value && old.arm.value == a.arm.value) {
      old = a;
      return true;
    }
  p.assumed.push_back(std::move(a));
  return true;
}

void draw_assumed(const EndpointPlan& e, std::size_t endpoint, const std::vector<AssumedArm>& arms,
                  const EndpointRows& model_rows, std::uint64_t seed, std::uint64_t replicate, EndpointRows& out) {
  out.clear();
  out.append(model_rows);
  for (std::size_t i = 0; i < out.arm.size(); ++i) {
    // One stream per participant, endpoint and timepoint: the draws do not depend on the rows' order.
    model::Stream s(seed, replicate,
                    (static_cast<std::uint64_t>(endpoint) << 40) | (static_cast<std::uint64_t>(out.visit[i]) << 32) |
                        out.subject[i],
                    model::Purpose::assumed);
    std::size_t k = 0;
    while (k < e.arms.size() && e.arms[k] != out.arm[i]) ++k;
    if (k == e.arms.size()) continue;
    const AssumedArm& a = arms[k];
    if (a.response)
      out.value[i] = s.bernoulli(a.rate) ? 1 : 0;
    else if (std::isfinite(out.value[i]))
      out.value[i] = a.mean + a.sd * s.normal();
  }
}

}  // namespace il2t::trial
