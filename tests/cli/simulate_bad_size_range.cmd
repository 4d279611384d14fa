args: simulate protocols/NCT02465580-he2020.toml --target-power 0.8 --size-range 40:20
exit: 2
