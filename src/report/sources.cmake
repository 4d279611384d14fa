# Sources of src/report, built into il2t_report by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  report/protocol_summary.cpp
  report/schedule_formats.cpp
  report/field_table.cpp
  report/measure_table.cpp
  report/screen_formats.cpp
  report/stats_runner.cpp
  report/stats_text.cpp
  report/patient_csv.cpp
  report/patient_plot.cpp
  report/parameter_table.cpp
  report/svg_plot.cpp
  report/sim_json.cpp
  report/exact_json.cpp
  report/sim_json_design.cpp
  report/sim_text.cpp
  report/replicate_csv.cpp
  report/sample_size_report.cpp
  report/uncertainty.cpp
  report/sim_html.cpp
  report/sim_html_tables.cpp
  report/sim_html_design.cpp
  report/sim_html_dose.cpp
  report/sim_html_assumptions.cpp
  report/analysis_report.cpp
)
