import time, sys, numpy as np
sys.path.insert(0, __import__('os').path.dirname(__file__))
from minilm_numpy import MiniLM
t=time.perf_counter(); m=MiniLM(sys.argv[1], sys.argv[2]); print('load s', time.perf_counter()-t)
s="can u walk thru the old vendors implemntation, which bit broke down"
m.encode([s])
t=time.perf_counter()
for i in range(20): m.encode([s])
print('ms one', (time.perf_counter()-t)/20*1000)
