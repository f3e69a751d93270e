// "登录设备": the user's live sessions (GET /v1/sessions), each of which can be ended.
const config = require('../../config');
const { showError, isWxLoginError } = require('../../utils/errors');
const { formatTime, describeUserAgent } = require('../../utils/format');

function present(session) {
  return {
    id: session.id,
    current: session.current,
    device: describeUserAgent(session.userAgent),
    userAgent: session.userAgent,
    appLabel: session.appId === config.appId ? session.appId + '（本小程序）' : session.appId,
    createdShown: formatTime(session.createdAt),
    lastUsedShown: formatTime(session.lastUsedAt),
  };
}

Page({
  data: {
    state: 'loading',       // loading | loggedOut | ready | error
    sessions: [],
    endingId: '',
  },

  onLoad() {
    this.auth = getApp().auth;
    this.unsubscribe = this.auth.onSessionChange((user) => {
      if (!user) this.setData({ state: 'loggedOut', sessions: [] });
    });
  },

  onShow() {
    this.load();
  },

  onUnload() {
    if (this.unsubscribe) this.unsubscribe();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const app = getApp();
    await app.ready;                       // never races the launch login
    if (!app.globalData.user) {
      this.setData({ state: 'loggedOut', sessions: [] });
      return;
    }
    try {
      const sessions = await this.auth.sessions(); // the list itself
      this.setData({ state: 'ready', sessions: sessions.map(present) });
    } catch (err) {
      showError(err);
      this.setData({ state: 'error', sessions: [] });
    }
  },

  onEndSession(e) {
    const { id, current } = e.currentTarget.dataset;
    wx.showModal({
      title: '结束会话',
      content: current ? '这是本设备的会话，结束后将退出登录。' : '该设备上的登录将立即失效。',
      confirmText: '结束',
      confirmColor: '#fa5151',
      success: (res) => {
        if (res.confirm) this.endSession(id, current);
      },
    });
  },

  async endSession(id, current) {
    this.setData({ endingId: id });
    try {
      // DELETE /v1/sessions/{id}. When it is this device's own session, the SDK forgets the tokens
      // it holds as well and tells its listeners (onSessionChange(null, { reason: 'logout' })):
      // app.js clears globalData.user, both pages show the logged-out state.
      await this.auth.endSession(id);
      if (current) {
        this.setData({ state: 'loggedOut', sessions: [] });
        wx.showToast({ title: '已退出登录', icon: 'success' });
      } else {
        wx.showToast({ title: '会话已结束', icon: 'success' });
        await this.load();
      }
    } catch (err) {
      showError(err, { not_found: '该会话已结束' });
      if (isWxLoginError(err) && err.code === 'not_found') await this.load();
    } finally {
      this.setData({ endingId: '' });
    }
  },

  onGoLogin() {
    wx.switchTab({ url: '/pages/profile/profile' });
  },
});
