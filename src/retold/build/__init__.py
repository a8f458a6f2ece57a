"""Building the report: what is stale (`cache`), executing notebooks (`execute`), HTML editions (`render`),
the front page (`index`), the printable handout (`handout`), all driven by `report.build_report`."""
