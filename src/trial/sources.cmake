# Sources of src/trial, built into il2t_trial by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  trial/assumptions.cpp
  trial/conduct.cpp
  trial/randomisation.cpp
  trial/strata.cpp
  trial/allocation_list.cpp
  trial/allocation_file.cpp
  trial/records.cpp
  trial/design.cpp
  trial/engine.cpp
  trial/endpoints.cpp
  trial/analysis.cpp
  trial/compare.cpp
  trial/summary.cpp
  trial/recruitment.cpp
  trial/sequential.cpp
  trial/scenario.cpp
  trial/simulate.cpp
  trial/sample_size.cpp
  trial/load_protocol.cpp
  trial/participant_plan.cpp
)
