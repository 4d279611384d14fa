args: simulate protocols/NCT02465580-he2020.toml --target-power 0.5 --fixed --replicates 6 --truth-n 100 --size-range 10:60 --threads 2
exit: 0
