// Settings of the demo. Change them here, nowhere else.
module.exports = {
  // Where the wxlogin service is. DevTools reaches http://localhost:8080 only with
  // "不校验合法域名…" ticked (project.config.json sets urlCheck: false); a phone needs a real
  // https domain that is listed among the mini program's request legal domains (request 合法域名).
  baseUrl: 'http://localhost:8080',

  // The appid the service knows this mini program by. wx0000000000000001 is the first demo app of
  // the service's dev mode. A real app can read its own with wx.getAccountInfoSync().miniProgram.appId.
  appId: 'wx0000000000000001',

  // ---- DEV ONLY: the WeChat simulator -------------------------------------------------------
  // In DevTools, wx.login() returns a code that WeChat's real servers issued. The dev-mode
  // service does not talk to WeChat but to its built-in simulator, which has never seen that
  // code and refuses it (invalid_code). So with useSimulator the demo asks the simulator for a
  // code instead (POST {baseUrl}/wechat-sim/sim/login {"appId","user"}), as wx.login() would
  // give the test user `simUser`; the phone button's code is replaced the same way
  // (POST /wechat-sim/sim/phone-code). The simulator exists only in the service's dev mode.
  //
  // Set useSimulator to false with a real appid (here and in project.config.json) and a service
  // configured for real WeChat: then the real wx.login() and getPhoneNumber codes are used.
  useSimulator: true,
  simUser: 'alice',            // the simulator's test user; another name is another WeChat user
  simPhoneNumber: null,        // null: the simulator's made-up number for simUser; or e.g. '13800138000'
};
