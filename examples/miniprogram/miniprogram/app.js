// The demo's entry: one auth client for the whole mini program, logged in at launch.
const { createAuth } = require('wxlogin-miniprogram');
const config = require('./config');
const { createSimulatorPlatform } = require('./utils/simulator');
const { showError } = require('./utils/errors');

App({
  globalData: {
    user: null,          // the logged-in user, or null; kept current by onSessionChange
  },

  onLaunch() {
    const options = { baseUrl: config.baseUrl, appId: config.appId };
    if (config.useSimulator) {
      // DEV ONLY: codes come from the service's WeChat simulator (see config.js).
      options.platform = createSimulatorPlatform(wx, config);
    }
    this.auth = createAuth(options);
    this.auth.onSessionChange((user) => {
      this.globalData.user = user;
    });

    // Pages wait for this before their first call, so that nothing races the launch login
    // (two logins at once would spend two wx.login() codes and open two sessions).
    this.ready = this.auth.ensureLogin().then(
      (user) => {
        this.globalData.user = user;
        return user;
      },
      (err) => {
        showError(err);
        return null;     // the pages show the logged-out state with a login button
      }
    );
  },
});
