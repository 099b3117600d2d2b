// Prints, as one JSON object, what the chinese-days package (a second, separately maintained
// data set of China's holidays) says about 2008-2100: its rest days and adjusted working days,
// and the four festival dates the lunar calendar and the solar terms decide. Read by
// ChinaCalendarCrossCheckTest; the package folder is the first argument.
const days = require(process.argv[2]);
const data = require(process.argv[2] + '/dist/chinese-days.json');
const festivals = {};
for (let year = 2008; year <= 2100; year++) {
  const lunar = (monthDay) => days.getSolarDateFromLunar(year + '-' + monthDay).date;
  const qingming = days.getSolarTerms(year + '-04-01', year + '-04-10')
    .filter((term) => term.name === '清明').map((term) => term.date)[0];
  festivals[year] = {
    springFestival: lunar('01-01'), qingming: qingming, dragonBoat: lunar('05-05'), midAutumn: lunar('08-15'),
  };
}
process.stdout.write(JSON.stringify({
  holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays), festivals: festivals,
}));
