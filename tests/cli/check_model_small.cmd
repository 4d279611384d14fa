args: check-model --replicates 10 --threads 2
exit: 0
