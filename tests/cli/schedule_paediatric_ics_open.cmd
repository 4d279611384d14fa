args: schedule protocols/NCT04397107-paediatric.toml --arm il2 --start 2027-01-04 --weight 30 --height 135 --format ics --participant 07
exit: 0
