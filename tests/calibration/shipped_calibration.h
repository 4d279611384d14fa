#pragma once
// The shipped calibration as the calibration tests read it: data/calibration's targets
// and studies, the shipped model, free.toml's parameters and the posterior's layout of
// them. Held on the heap, so the layout's setup stays where it was made.
#include <memory>
#include <optional>
#include <string>

#include "calibration/free.h"
#include "calibration/posterior_layout.h"
#include "calibration/studies.h"
#include "data/read_file.h"
#include "model/model_fixture.h"

namespace il2t::calibration::test_data {

struct ShippedCalibration {
  Setup setup;
  model::Model model = test::shipped_model();
  FreeRead free;
  std::optional<PosteriorLayout> layout;
  std::string error;  // empty when every part read
};

inline std::unique_ptr<ShippedCalibration> shipped_calibration() {
  auto c = std::make_unique<ShippedCalibration>();
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  auto loaded = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  if (!loaded.setup) {
    c->error = loaded.error;
    return c;
  }
  c->setup = std::move(*loaded.setup);
  c->free = read_free(*data::read_file(dir + "/free.toml"), "free.toml", c->model.parameters);
  if (!c->free.error.empty()) {
    c->error = c->free.error.text();
    return c;
  }
  auto layout = make_layout(c->setup, c->free.parameters, c->model.parameters, "free.toml");
  if (!layout) c->error = layout.error().text();
  else c->layout = std::move(*layout);
  return c;
}

}  // namespace il2t::calibration::test_data
