// "我的": the logged-in user, their avatar, nickname and phone number, and logout.
const config = require('../../config');
const { showError } = require('../../utils/errors');
const { simulatorPhoneCode } = require('../../utils/simulator');
const { formatTime, maskPhone } = require('../../utils/format');

// bindnicknamereview (WeChat's safety review of a nickname, fired after blur) exists from base
// library 2.29.1; before that we save on blur straight away.
const NICKNAME_REVIEW_SINCE = '2.29.1';
// If the review event never comes, save anyway after this long.
const NICKNAME_REVIEW_WAIT_MS = 1500;

function baseLibraryVersion() {
  const info = wx.getAppBaseInfo ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
  return info.SDKVersion || '0';
}

function versionAtLeast(version, wanted) {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

Page({
  data: {
    loading: true,          // the launch login is still running
    busy: false,            // the login button's login is running
    phoneBusy: false,
    user: null,
    nicknameValue: '',
    phoneShown: '',
    createdAtShown: '',
    avatarShown: '',
    avatarIsLocal: false,
    useSimulator: config.useSimulator,
    simUser: config.simUser,
  },

  onLoad() {
    const app = getApp();
    this.auth = app.auth;
    this.localAvatar = null;          // {userId, path}: a chosen avatar shown only on this device
    this.reviewNickname = versionAtLeast(baseLibraryVersion(), NICKNAME_REVIEW_SINCE);
    this.unsubscribe = this.auth.onSessionChange((user) => this.showUser(user));
    app.ready.then((user) => {
      this.setData({ loading: false });
      this.showUser(user || app.globalData.user);
    });
  },

  onShow() {
    // Back on the page: show the user as the service has it now (another app of the same
    // open-platform group may have changed the nickname or the phone number).
    if (!this.data.loading && this.data.user) {
      this.auth.getUser().then((user) => this.showUser(user), (err) => showError(err));
    }
  },

  onUnload() {
    if (this.unsubscribe) this.unsubscribe();
    clearTimeout(this.reviewTimer);
  },

  showUser(user) {
    if (!user) {
      this.localAvatar = null;
      this.setData({ user: null, nicknameValue: '', avatarShown: '', avatarIsLocal: false });
      return;
    }
    const local = this.localAvatar && this.localAvatar.userId === user.id ? this.localAvatar.path : '';
    this.setData({
      user,
      nicknameValue: user.nickname || '',
      phoneShown: maskPhone(user.phoneNumber),
      createdAtShown: formatTime(user.createdAt),
      avatarShown: local || user.avatarUrl || '',
      avatarIsLocal: Boolean(local),
    });
  },

  async onLogin() {
    if (this.data.busy) return;
    this.setData({ busy: true });
    try {
      const user = await this.auth.login();
      getApp().globalData.user = user;      // onSessionChange says so too; the devices page reads it
      this.showUser(user);
    } catch (err) {
      showError(err);
    } finally {
      this.setData({ busy: false });
    }
  },

  // ---- avatar ---------------------------------------------------------------------------

  onChooseAvatar(e) {
    const path = e.detail.avatarUrl;
    if (!path || !this.data.user) return;
    // chooseAvatar answers a temporary local file (wxfile://… or http://tmp/… in DevTools), not a
    // URL anyone else can load, and the service takes only https URLs (PATCH /v1/me avatarUrl).
    // A real app uploads the file to its own storage or CDN first, e.g.
    //   wx.uploadFile({ url: 'https://files.example.com/avatars', filePath: path, name: 'file' })
    // and then saves the https URL it gets back with auth.updateProfile({ avatarUrl }).
    // This demo has no storage, so it saves only an https URL and otherwise shows the file here.
    if (/^https:\/\//i.test(path)) {
      // From now on the service's avatar is the one to show: an earlier local preview would
      // cover it (showUser prefers the preview), so it goes before the save re-renders the user.
      this.localAvatar = null;
      this.saveProfile({ avatarUrl: path }, '头像已保存');
      return;
    }
    this.localAvatar = { userId: this.data.user.id, path };
    this.setData({ avatarShown: path, avatarIsLocal: true });
    wx.showToast({ title: '头像仅本机预览', icon: 'none' });
  },

  // ---- nickname -------------------------------------------------------------------------

  onNicknameBlur(e) {
    this.nicknameEntered(e.detail.value);
  },

  onNicknameConfirm(e) {
    this.nicknameEntered(e.detail.value);
  },

  nicknameEntered(value) {
    if (!this.reviewNickname) {
      this.commitNickname(value);
      return;
    }
    // Wait for WeChat's review of the nickname (onNicknameReview) before saving it.
    this.pendingNickname = value;
    clearTimeout(this.reviewTimer);
    this.reviewTimer = setTimeout(() => this.commitNickname(this.pendingNickname), NICKNAME_REVIEW_WAIT_MS);
  },

  onNicknameReview(e) {
    const { pass, timeout } = e.detail;
    clearTimeout(this.reviewTimer);
    const value = this.pendingNickname;
    this.pendingNickname = undefined;
    if (pass || timeout) {
      this.commitNickname(value);
    } else {
      // WeChat clears a refused nickname from the input itself.
      wx.showToast({ title: '昵称未通过微信安全检测，请修改', icon: 'none' });
    }
  },

  commitNickname(raw) {
    if (raw === undefined || !this.data.user) return;
    const value = String(raw).trim();
    const saved = this.data.user.nickname || '';
    if (!value) {
      this.resetNicknameInput(raw, saved);          // blank: keep the saved one
      return;
    }
    if (value === saved || value === this.savingNickname) return;
    this.savingNickname = value;
    this.saveProfile({ nickname: value }, '昵称已保存').then((ok) => {
      this.savingNickname = null;
      if (!ok) this.resetNicknameInput(raw, saved);
    });
  },

  // The input shows what was typed while data still holds the saved nickname, and a setData
  // with an unchanged value does not redraw an input: set the typed value first, then the saved.
  resetNicknameInput(typed, saved) {
    this.setData({ nicknameValue: typed }, () => this.setData({ nicknameValue: saved }));
  },

  // PATCH /v1/me through the SDK. Resolves true when saved.
  async saveProfile(patch, doneTitle) {
    try {
      this.showUser(await this.auth.updateProfile(patch));
      wx.showToast({ title: doneTitle, icon: 'success' });
      return true;
    } catch (err) {
      showError(err, { invalid_request: '内容不符合要求' });
      return false;
    }
  },

  // ---- phone number ---------------------------------------------------------------------

  onGetPhoneNumber(e) {
    const { errMsg, code } = e.detail || {};
    if (!errMsg || !/:ok$/.test(errMsg)) {
      // The user refused (no call to the service), or this appid may not use the button:
      // it needs a verified (认证) mini program, which a demo appid is not.
      const refused = /deny|cancel/i.test(errMsg || '');
      if (!refused) console.warn('[wxlogin demo] getPhoneNumber:', errMsg);
      wx.showToast({ title: refused ? '已取消授权' : '无法获取手机号', icon: 'none' });
      return;
    }
    if (config.useSimulator) {
      // DEV ONLY: the button's code is WeChat's real one, which the simulator does not know;
      // the user agreed, so take the code the simulator would have given instead.
      this.bindPhone(() => simulatorPhoneCode(wx, config));
      return;
    }
    if (!code) {
      // Base libraries before 2.21.2 give only encryptedData and iv, which this SDK call does not take.
      wx.showToast({ title: '请升级微信后再试', icon: 'none' });
      return;
    }
    this.bindPhone(() => Promise.resolve(code));
  },

  // DEV ONLY: for DevTools, where the button itself fails for an unverified demo appid.
  onSimulatorPhone() {
    this.bindPhone(() => simulatorPhoneCode(wx, config));
  },

  async bindPhone(getCode) {
    if (this.data.phoneBusy) return;
    this.setData({ phoneBusy: true });
    try {
      const result = await this.auth.bindPhone(await getCode());
      this.showUser(result.user);
      wx.showToast({ title: '已绑定 ' + maskPhone(result.phoneNumber), icon: 'none' });
    } catch (err) {
      // A phone code is good once, for 5 minutes: on these the user taps the button again.
      showError(err, {
        invalid_code: '授权已失效，请重新点击绑定',
        code_used: '授权已使用，请重新点击绑定',
      });
    } finally {
      this.setData({ phoneBusy: false });
    }
  },

  // ---- logout ---------------------------------------------------------------------------

  onLogout() {
    wx.showModal({
      title: '退出登录',
      content: '将结束本设备上的登录会话。',
      confirmText: '退出',
      confirmColor: '#fa5151',
      success: (res) => {
        if (res.confirm) this.logout();
      },
    });
  },

  async logout() {
    try {
      await this.auth.logout();
      getApp().globalData.user = null;
      this.showUser(null);
      wx.showToast({ title: '已退出', icon: 'success' });
    } catch (err) {
      showError(err);
    }
  },
});
