"""The national rollup of the statistics: counts per day, kept by the job ``hub:stats_cumuls``,
merged at read time with what was written since, so that the numbers are always those of the
direct queries (see ``docs/statistiques.md``)."""
