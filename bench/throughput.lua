-- wrk reporter: latency percentiles in milliseconds, requests per second and failed requests.
done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50=%.2f p95=%.2f p99=%.2f requests=%d rps=%.0f failed=%d\n",
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.requests / (summary.duration / 1e6), failed))
end
