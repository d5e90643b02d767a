# Independent values for the indicators that Stock.Indicators' set does not cover (VWAP, returns,
# realized volatility), computed with Python's standard library from shared/reference/indicators/default.csv.
# Run from the repository root: python3 tests/Tickwise.Core.Tests/Indicators/hand_reference.py
import csv, math, statistics
rows = list(csv.DictReader(open('../shared/reference/indicators/default.csv')))
c = [float(r['close']) for r in rows]
v = [float(r['volume']) for r in rows]
for n in (1, 2, 3):
    print('session vwap', n - 1, repr(sum(c[i] * v[i] for i in range(n)) / sum(v[:n])))
for i in (9, 100, 501):
    print('rolling vwap(10)', i, repr(sum(c[j] * v[j] for j in range(i - 9, i + 1)) / sum(v[i - 9:i + 1])))
for i in (1, 2, 501):
    print('simple, log return', i, repr(c[i] / c[i - 1] - 1), repr(math.log(c[i] / c[i - 1])))
r = [math.log(c[i] / c[i - 1]) for i in range(1, len(c))]
for i in (20, 250, 501):
    print('realized vol(20, 252/yr)', i, repr(statistics.stdev(r[i - 20:i]) * math.sqrt(252)))
