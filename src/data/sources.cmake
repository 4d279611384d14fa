# Sources of src/data, built into il2t_data by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  data/atomic_file.cpp
  data/csv.cpp
  data/columns.cpp
  data/csv_read.cpp
  data/ics.cpp
  data/patient_reader.cpp
  data/sha256.cpp
  data/read_file.cpp
)
