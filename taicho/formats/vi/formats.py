# Django's own Vietnamese formats leave digits ungrouped; written Vietnamese groups by
# thousands with a dot (1.234.567) and uses a comma for decimals. Dates stay Django's.
from django.conf.locale.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
