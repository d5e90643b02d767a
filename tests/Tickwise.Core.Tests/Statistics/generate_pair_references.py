#!/usr/bin/python3
"""Generates pair_references.json: Engle-Granger (statsmodels coint), residual ADF lag, half-life regression
(statsmodels OLS) and Spearman (scipy spearmanr) on real Binance hourly closes from shared/data/binance/klines/1h.

Run from the repository root with Debian's packages (apt-get install python3-statsmodels python3-scipy):
    /usr/bin/python3 tests/Tickwise.Core.Tests/Statistics/generate_pair_references.py
Generated with statsmodels 0.13.5 and scipy 1.10.1 (Debian bookworm)."""
import json, os
import numpy as np
import pandas as pd
import scipy, statsmodels
import statsmodels.api as sm
from scipy.stats import spearmanr
from statsmodels.tsa.stattools import coint, adfuller

root = os.getcwd()
data = os.path.join(root, "..", "shared", "data", "binance", "klines", "1h")
close = {s: pd.read_csv(os.path.join(data, f"{s}_USDT_1h.csv"))["close"].to_numpy(dtype=float) for s in ["BTC", "ETH", "SOL", "BNB"]}

cases = [
    dict(id="eth_btc_0_300_c_aic", y="ETH", x="BTC", start=0, count=300, trend="c", maxlag=None, autolag="aic"),
    dict(id="btc_eth_0_500_c_aic", y="BTC", x="ETH", start=0, count=500, trend="c", maxlag=None, autolag="aic"),
    dict(id="eth_btc_12500_500_c_aic", y="ETH", x="BTC", start=12500, count=500, trend="c", maxlag=None, autolag="aic"),
    dict(id="eth_btc_10000_400_c_lag2", y="ETH", x="BTC", start=10000, count=400, trend="c", maxlag=2, autolag=None),
    dict(id="sol_bnb_20000_300_ct_aic", y="SOL", x="BNB", start=20000, count=300, trend="ct", maxlag=None, autolag="aic"),
    dict(id="sol_bnb_20000_300_n_bic", y="SOL", x="BNB", start=20000, count=300, trend="n", maxlag=None, autolag="bic"),
]
out = {"source": f"statsmodels {statsmodels.__version__} coint/adfuller/OLS and scipy {scipy.__version__} spearmanr; "
                 "script tests/Tickwise.Core.Tests/Statistics/generate_pair_references.py",
       "coint": [], "half_life": [], "spearman": []}
for c in cases:
    y = close[c["y"]][c["start"]:c["start"] + c["count"]]
    x = close[c["x"]][c["start"]:c["start"] + c["count"]]
    stat, p, crit = coint(y, x, trend=c["trend"], maxlag=c["maxlag"], autolag=c["autolag"])
    xx = x[:, None] if c["trend"] == "n" else sm.tsa.add_trend(x[:, None], trend=c["trend"], prepend=False)
    ols = sm.OLS(y, xx).fit()
    adf = adfuller(ols.resid, maxlag=c["maxlag"], autolag=c["autolag"], regression="n")
    out["coint"].append(dict(c, statistic=float(stat), pvalue=float(p), crit=[None if np.isnan(v) else float(v) for v in crit],
                             hedge_ratio=float(ols.params[0]), used_lag=int(adf[2])))

for c in cases[:3]:
    y = close[c["y"]][c["start"]:c["start"] + c["count"]]
    x = close[c["x"]][c["start"]:c["start"] + c["count"]]
    spread = sm.OLS(y, sm.add_constant(x)).fit().resid
    fit = sm.OLS(np.diff(spread), sm.add_constant(spread[:-1])).fit()
    out["half_life"].append(dict(id=c["id"], y=c["y"], x=c["x"], start=c["start"], count=c["count"],
                                 slope=float(fit.params[1]), intercept=float(fit.params[0]),
                                 half_life=float(-np.log(2) / fit.params[1])))

for a, b, start, count in [("ETH", "BTC", 0, 300), ("SOL", "BNB", 20000, 1000)]:
    ra = np.diff(np.log(close[a][start:start + count + 1]))
    rb = np.diff(np.log(close[b][start:start + count + 1]))
    out["spearman"].append(dict(a=a, b=b, start=start, count=count, what="log returns of closes[start..start+count]",
                                spearman=float(spearmanr(ra, rb).correlation)))
    # Prices have ties (repeated closes), which exercises the average ranks.
    pa, pb = close[a][start:start + count], close[b][start:start + count]
    out["spearman"].append(dict(a=a, b=b, start=start, count=count, what="closes[start..start+count)",
                                spearman=float(spearmanr(pa, pb).correlation)))

path = os.path.join(root, "tests", "Tickwise.Core.Tests", "Statistics", "pair_references.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
