// The trend chart of a round's scores: the rounds and each line's rates come in data attributes (the same
// figures as the table under it), so the page works without this script and needs no inline script.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  var fontSize = document.documentElement.classList.contains('care') ? 18 : 14;
  document.querySelectorAll('.score-chart').forEach(function (element) {
    var labels = element.dataset.labels ? element.dataset.labels.split('|') : [];
    var series = (element.dataset.series || '').split('~').filter(Boolean).map(function (line, i) {
      var parts = line.split('|');
      return { type: 'line', name: parts[0], smooth: false, connectNulls: false,
        lineStyle: { width: i === 0 ? 4 : 2 },
        data: parts.slice(1).map(function (v) { return v === '' ? null : Number(v); }) };
    });
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      textStyle: { fontSize: fontSize },
      color: ['#c62828', '#1e88e5', '#43a047', '#ffb300', '#8e24aa', '#00acc1', '#6d4c41', '#546e7a', '#f06292'],
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '—' : v + '%'; } },
      legend: { top: 0, type: 'scroll', textStyle: { fontSize: fontSize } },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: fontSize, rotate: labels.length > 3 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { fontSize: fontSize, formatter: '{value}%' } },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
