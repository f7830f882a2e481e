# The wrapper the newuser20 work searched the garden centre with while trying it (see
# shoplib.explore): a judged text of gardencentre.jsonl is refused before anything runs,
# and every text searched is added to explored.txt.
#
#   python3 explore.py BINARY DB TOOL [name=value ...]   (a value in JSON or a string)
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from shoplib import explore  # noqa: E402

explore(os.path.join(HERE, "gardencentre.jsonl"), os.path.join(HERE, "explored.txt"), sys.argv[1:])
