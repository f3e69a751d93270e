// Display helpers for the pages.

function pad(n) {
  return n < 10 ? '0' + n : String(n);
}

// '2026-11-25T13:53:49Z' → '2026-11-25 21:53' in the phone's time zone.
function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) +
    ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

// A readable name for a session's User-Agent. A mini program cannot set its own User-Agent: the
// WeChat client sends one like "… iPhone … MicroMessenger/8.0.50 … miniProgram" and DevTools
// adds "wechatdevtools".
function describeUserAgent(ua) {
  if (!ua) return '未知设备';
  let device = '';
  if (/wechatdevtools/i.test(ua)) device = '微信开发者工具';
  else if (/iPad/.test(ua)) device = 'iPad';
  else if (/iPhone/.test(ua)) device = 'iPhone';
  else if (/HarmonyOS|OpenHarmony/i.test(ua)) device = '鸿蒙';
  else if (/Android/.test(ua)) device = 'Android';
  else if (/Windows/.test(ua)) device = 'Windows';
  else if (/Mac OS X|Macintosh/.test(ua)) device = 'Mac';
  const wechat = /MicroMessenger\/([\d.]+)/.exec(ua);
  if (!device && !wechat) return ua.length > 40 ? ua.slice(0, 40) + '…' : ua;
  return [device, wechat ? '微信 ' + wechat[1] : ''].filter(Boolean).join(' · ');
}

// '13852563104' → '138****3104'; other forms (with a country code) are shown as they are.
function maskPhone(phone) {
  if (!phone) return '';
  return /^\d{11}$/.test(phone) ? phone.slice(0, 3) + '****' + phone.slice(7) : phone;
}

module.exports = { formatTime, describeUserAgent, maskPhone };
