// Dashboard charts: each .insight-chart carries its labels and values in data attributes (the same
// figures as the table next to it), so the page works without this script and no inline script is needed.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  var dark = window.matchMedia('(min-width: 1200px)').matches;
  var text = dark ? '#e8eef7' : '#1a1a1a';
  // the elderly mode's labels are as large as its text (18 px at least)
  var fontSize = document.documentElement.classList.contains('care') ? 18 : 14;
  var split = function (value) { return value ? value.split('|') : []; };
  // an empty value is a gap (a round without a score), not a zero
  var numbers = function (value) { return split(value).map(function (v) { return v === '' ? null : Number(v); }); };
  document.querySelectorAll('.insight-chart').forEach(function (element) {
    var kind = element.dataset.chart;
    var labels = split(element.dataset.labels);
    var unit = element.dataset.unit || '';
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    var option = {
      textStyle: { color: text, fontSize: fontSize },
      color: ['#e53935', '#ffb300', '#1e88e5', '#43a047', '#8e24aa', '#00acc1'],
      tooltip: { trigger: kind === 'pie' ? 'item' : 'axis', valueFormatter: function (v) { return v + unit; } },
      animation: false
    };
    if (kind === 'pie') {
      option.legend = { bottom: 0, textStyle: { color: text, fontSize: fontSize } };
      option.series = [{ type: 'pie', radius: ['35%', '65%'], name: element.dataset.name,
        label: { color: text, fontSize: fontSize }, data: labels.map(function (label, i) {
          return { name: label, value: numbers(element.dataset.values)[i] };
        }) }];
    } else {
      option.grid = { left: 8, right: 8, top: 32, bottom: 8, containLabel: true };
      option.xAxis = { type: 'category', data: labels, axisLabel: { color: text, fontSize: fontSize, interval: 0, rotate: labels.length > 3 ? 40 : 0 } };
      option.yAxis = [{ type: 'value', axisLabel: { color: text, fontSize: fontSize } }];
      option.series = [{ type: kind, name: element.dataset.name, data: numbers(element.dataset.values), smooth: true }];
      if (element.dataset.values2) {
        option.yAxis.push({ type: 'value', axisLabel: { color: text, fontSize: fontSize } });
        option.series.push({ type: 'bar', name: element.dataset.name2, yAxisIndex: 1, data: numbers(element.dataset.values2) });
        option.legend = { top: 0, textStyle: { color: text, fontSize: fontSize } };
      }
    }
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
