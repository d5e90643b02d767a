# Reference values of AnalyzePairTests: `tickwise analyze pair --a ETHUSDT --b BTCUSDT --interval 1h --window 500`,
# computed with statsmodels (Debian python3-statsmodels 0.13.5): run with /usr/bin/python3 from this directory.
import numpy as np, pandas as pd, statsmodels.api as sm
from statsmodels.tsa.stattools import adfuller

def closes(name):
    df = pd.read_csv(f"../../../../../shared/data/binance/klines/1h/{name}")
    return pd.Series(df.iloc[:, 4].astype(float).values, index=df.iloc[:, 0].astype("int64").values)

pair = pd.concat([closes("ETH_USDT_1h.csv"), closes("BTC_USDT_1h.csv")], axis=1, join="inner").sort_index().iloc[-500:]
a, b = pair.iloc[:, 0].values, pair.iloc[:, 1].values
ols = sm.OLS(a, sm.add_constant(b)).fit()
spread = ols.resid
adf = adfuller(spread, regression="c", autolag="AIC")
change = sm.OLS(np.diff(spread), sm.add_constant(spread[:-1])).fit()
print("hedge_ratio", repr(ols.params[1]), "intercept", repr(ols.params[0]), "r_squared", repr(ols.rsquared))
print("spread_last", repr(spread[-1]), "zscore_last", repr((spread[-1] - spread.mean()) / spread.std()))
print("adf", repr(adf[0]), repr(adf[1]), adf[2], adf[4])
print("half_life", repr(-np.log(2) / change.params[1]))
print("correlation", repr(np.corrcoef(np.diff(np.log(a)), np.diff(np.log(b)))[0, 1]))
