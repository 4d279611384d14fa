args: stats mcpmod examples/stats/mcpmod.csv --dose dose_miu --response sledai_change --models linear,emax:0.2,sigEmax:0.4:3,exponential:0.5,quadratic:-0.7 --delta 4 --decreasing
exit: 0
