args: stats mcpmod examples/stats/mcpmod.csv --dose dose_miu --response sledai_change --models linear,emax:0.2 --delta 0 --decreasing
exit: 1
