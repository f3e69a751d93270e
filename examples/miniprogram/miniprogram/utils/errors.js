// Turns what the SDK rejects with into a short Chinese message for a toast.
const { WxLoginError } = require('wxlogin-miniprogram');

// One message per problem+json `code` of the service (docs/errors.md). Kept short: a toast
// shows two lines at most.
const MESSAGES = {
  invalid_request: '请求有误',
  unknown_app: '服务未配置此小程序',
  invalid_code: '微信登录凭证无效，请重试',
  code_used: '登录凭证已使用，请重试',
  invalid_token: '登录已失效，请重新登录',
  token_reused: '登录已失效，请重新登录',
  user_disabled: '账号已被停用',
  user_blocked: '账号存在风险，暂不能登录',
  phone_in_use: '该手机号已绑定其他账号',
  session_key_stale: '登录状态已更新，请重试',
  watermark_mismatch: '数据不属于本小程序',
  not_found: '会话不存在或已结束',
  payload_too_large: '内容过长',
  rate_limited: '操作太频繁，请稍后再试',
  upstream_unavailable: '微信服务繁忙，请稍后再试',
  internal_error: '服务出错，请稍后再试',
  // The SDK's own codes (WxLoginError without an answer from the service, or a broken one).
  network_error: '网络异常，请检查服务地址',
  wx_login_failed: '微信登录失败，请重试',
  invalid_response: '服务应答有误，请稍后再试',
};

function isWxLoginError(err) {
  return err instanceof WxLoginError || Boolean(err && err.name === 'WxLoginError');
}

// DEV ONLY: utils/simulator.js could not get a code from the service's WeChat simulator.
function simulatorMessage(text) {
  return /unreachable/.test(text) ? '网络异常，请检查服务地址' : '模拟器不可用：服务需以 --dev 运行';
}

// `overrides` gives a call its own wording for a code, e.g. invalid_code on the phone button.
function messageFor(err, overrides) {
  // A login through utils/simulator.js that got no code: the SDK rejects with wx_login_failed,
  // whose detail is the errMsg the simulator platform gave ('login:fail simulator…').
  if (isWxLoginError(err) && err.code === 'wx_login_failed' && /simulator/.test(err.detail || '')) {
    return simulatorMessage(err.detail);
  }
  if (isWxLoginError(err) && err.code) {
    let msg = (overrides && overrides[err.code]) || MESSAGES[err.code] || '请求失败';
    if ((err.code === 'rate_limited' || err.code === 'upstream_unavailable') && err.retryAfter > 0) {
      msg = msg.replace('稍后', ' ' + err.retryAfter + ' 秒后');
    }
    return msg + '（' + err.code + '）';
  }
  // The phone button's code from the simulator (a plain Error, not through the SDK).
  if (err && /^simulator/.test(String(err.message))) return simulatorMessage(String(err.message));
  // The SDK never rejects with wx's own {errMsg} (no answer is its network_error); kept for
  // wx calls made outside it.
  if (err && typeof err.errMsg === 'string') return '网络异常，请检查服务地址';
  return '出错了，请稍后再试';
}

function showError(err, overrides) {
  // The console keeps the whole story (detail, status); the toast keeps it short.
  console.warn('[wxlogin demo]', err);
  wx.showToast({ title: messageFor(err, overrides), icon: 'none', duration: 3000 });
}

module.exports = { messageFor, showError, isWxLoginError };
