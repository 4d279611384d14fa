args: simulate protocols/NCT02465580-he2020.toml --shard 0/2
exit: 2
