// DEV ONLY. Stands in for the phone's side of WeChat when the service runs in dev mode with its
// WeChat simulator mounted at {baseUrl}/wechat-sim. Never used with useSimulator: false.

function simPost(wx, url, data) {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method: 'POST',
      data,                                   // sent as application/json
      success(res) {
        if (res.statusCode === 200 && res.data && typeof res.data.code === 'string') {
          resolve(res.data.code);
        } else {
          const why = res.data && res.data.error ? res.data.error : 'HTTP ' + res.statusCode;
          reject(new Error('simulator: ' + why + ' (is the service running with --dev?)'));
        }
      },
      fail(err) {
        reject(new Error('simulator unreachable: ' + (err && err.errMsg)));
      },
    });
  });
}

// The platform object createAuth({ platform }) takes: wx, with login() replaced by one that gets
// the code from the simulator. It keeps wx's callback style (success/fail/complete), because
// that is what the SDK calls. Everything else is wx's own; anything not listed here falls
// through to wx through the prototype.
function createSimulatorPlatform(wx, config) {
  const loginUrl = config.baseUrl + '/wechat-sim/sim/login';
  const platform = Object.create(wx);
  platform.login = function login(options) {
    const o = options || {};
    simPost(wx, loginUrl, { appId: config.appId, user: config.simUser }).then(
      (code) => {
        const res = { code, errMsg: 'login:ok' };
        if (o.success) o.success(res);
        if (o.complete) o.complete(res);
      },
      (err) => {
        const res = { errMsg: 'login:fail ' + err.message };
        if (o.fail) o.fail(res);
        if (o.complete) o.complete(res);
      }
    );
  };
  platform.request = (o) => wx.request(o);
  platform.getStorageSync = (key) => wx.getStorageSync(key);
  platform.setStorageSync = (key, value) => wx.setStorageSync(key, value);
  platform.removeStorageSync = (key) => wx.removeStorageSync(key);
  return platform;
}

// A phone code as the getPhoneNumber button would give simUser, from the simulator.
function simulatorPhoneCode(wx, config) {
  const data = { appId: config.appId, user: config.simUser };
  if (config.simPhoneNumber) data.phoneNumber = config.simPhoneNumber;
  return simPost(wx, config.baseUrl + '/wechat-sim/sim/phone-code', data);
}

module.exports = { createSimulatorPlatform, simulatorPhoneCode };
