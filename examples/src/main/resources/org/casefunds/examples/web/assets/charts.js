// The dashboard's charts, drawn by ECharts (served from the jar): the 12-week double-zero trend and
// the per-handler payout time. The figures come from the page or from the same server, never a CDN.
(function () {
  'use strict';
  function trend(element) {
    fetch(element.dataset.src, { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var chart = echarts.init(element);
        chart.setOption({
          tooltip: { trigger: 'axis' },
          legend: { data: [element.dataset.overdue, element.dataset.unidentified] },
          xAxis: { type: 'category', data: data.dates },
          yAxis: { type: 'value' },
          series: [
            { name: element.dataset.overdue, type: 'line', data: data.overdueUnpaid.map(Number), itemStyle: { color: '#b42318' } },
            { name: element.dataset.unidentified, type: 'line', data: data.unidentified.map(Number), itemStyle: { color: '#b7791f' } }
          ]
        });
        element.dataset.drawn = String(data.dates.length);
      });
  }
  function handlers(element) {
    var data = JSON.parse(element.dataset.chart);
    var chart = echarts.init(element);
    chart.setOption({
      tooltip: {},
      xAxis: { type: 'category', data: data.handlers, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: data.days.map(function (d) { return d === '' ? null : Number(d); }), itemStyle: { color: '#1f6f43' } }]
    });
    element.dataset.drawn = String(data.handlers.length);
  }
  var trendElement = document.getElementById('trend');
  if (trendElement) { trend(trendElement); }
  var handlerElement = document.getElementById('handler-chart');
  if (handlerElement) { handlers(handlerElement); }
})();
