# Sources of src/stats, built into il2t_stats by src/CMakeLists.txt.
list(APPEND IL2T_SOURCES
  stats/checks.cpp
  stats/cox.cpp
  stats/distributions.cpp
  stats/dose_response.cpp
  stats/dunnett.cpp
  stats/first_order.cpp
  stats/group_sequential.cpp stats/group_sequential_integration.cpp
  stats/hot_path.cpp
  stats/logistic.cpp
  stats/mcpmod.cpp
  stats/mmrm.cpp
  stats/multiplicity.cpp
  stats/proportions.cpp
  stats/rates.cpp
  stats/survival.cpp
  stats/tables.cpp
  stats/ttest.cpp
  stats/wilcoxon.cpp
)
