args: merge protocols/NCT02465580-he2020.toml tests/cli/simulate_bad_n.cmd
exit: 1
