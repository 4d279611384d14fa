# Sources of src/sdtm, built into il2t_sdtm by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  sdtm/dataset.cpp
  sdtm/xpt.cpp
  sdtm/dataset_json.cpp
  sdtm/csv_dataset.cpp
  sdtm/domains.cpp
  sdtm/conventions.cpp
  sdtm/write_trial.cpp
  sdtm/read_trial.cpp
  sdtm/read_subjects.cpp
  sdtm/read_findings.cpp
  sdtm/read_medication.cpp
  sdtm/delivery.cpp
)
list(APPEND IL2T_SOURCES sdtm/dates.cpp)
