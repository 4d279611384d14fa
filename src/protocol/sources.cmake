# Sources of src/protocol, built into il2t_protocol by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  protocol/drugs.cpp
  protocol/origin.cpp
  protocol/plausibility.cpp
  protocol/protocol.cpp
  protocol/provenance.cpp
  protocol/regimen_expand.cpp
  protocol/regimen_format.cpp
  protocol/regimen_lexer.cpp
  protocol/regimen_parse.cpp
  protocol/strata.cpp
  protocol/toml_reader.cpp
  protocol/toml_sections.cpp
  protocol/toml_values.cpp
  protocol/toml_writer.cpp
  protocol/validate.cpp
  protocol/validate_arms.cpp
  protocol/validate_design.cpp
  protocol/validate_schedule.cpp
)
