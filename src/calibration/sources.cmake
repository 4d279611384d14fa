# Sources of src/calibration, added to il2trial_lib by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  calibration/targets.cpp
  calibration/placebo_arms.cpp
  calibration/measure.cpp
  calibration/studies.cpp
  calibration/placebo_mapping.cpp
  calibration/pk_study.cpp
  calibration/check.cpp
  calibration/free.cpp
  calibration/goal.cpp
  calibration/objective.cpp
  calibration/evaluator.cpp
  calibration/journal.cpp
  calibration/fit.cpp
  calibration/sensitivity.cpp
  calibration/fit_file.cpp
  calibration/space_filling.cpp
  calibration/emulator.cpp
  calibration/quadrature.cpp
  calibration/emulated_posterior.cpp
  calibration/ensemble.cpp
  calibration/posterior_layout.cpp
  calibration/posterior.cpp
  calibration/posterior_file.cpp
  calibration/world.cpp
  calibration/sbc.cpp
)
