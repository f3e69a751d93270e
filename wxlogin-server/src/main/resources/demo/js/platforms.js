// What each platform's client login gives and how wxlogin trades it with that platform's server
// (API.md "Platforms"): the labels of the sequence diagram, and where the simulator counts the call.
// Which apps exist, and on which platform, comes from the server (/demo/apps.json), never from here:
// a platform missing below still works, drawn with the generic entry.

export const PLATFORMS = {
  wechat: {
    login: 'wx.login()', gives: 'code', exchange: 'GET /sns/jscode2session',
    prefix: '', statsPath: '/sns/jscode2session', openData: true, phone: true, sessionKey: true,
  },
  qq: {
    login: 'qq.login()', gives: 'code', exchange: 'GET /sns/jscode2session',
    // QQ's client has no getPhoneNumber button: no phone proof to send (the simulator's QQ stand-in)
    prefix: '/qq', statsPath: '/qq/sns/jscode2session', openData: true, phone: false, sessionKey: true,
  },
  douyin: {
    login: 'tt.login()', gives: 'code + anonymousCode', exchange: 'POST /api/apps/v2/jscode2session',
    prefix: '/douyin', statsPath: '/douyin/api/apps/v2/jscode2session', openData: true, phone: true,
    sessionKey: true,
  },
  alipay: {
    login: "my.getAuthCode({scopes:'auth_base'})", gives: 'authCode', exchange: 'alipay.system.oauth.token (RSA2)',
    // no session key, so no open data to decrypt; the phone comes as my.getPhoneNumber's {response, sign}
    prefix: '/alipay', statsPath: '/alipay/gateway.do', openData: false, phone: true, sessionKey: false,
  },
  baidu: {
    login: 'swan.getLoginCode()', gives: 'code', exchange: 'POST /oauth/jscode2sessionkey',
    prefix: '/baidu', statsPath: '/baidu/oauth/jscode2sessionkey', openData: true, phone: true, sessionKey: true,
  },
  kuaishou: {
    login: 'ks.login()', gives: 'code', exchange: 'POST /oauth2/mp/code2session',
    prefix: '/kuaishou', statsPath: '/kuaishou/oauth2/mp/code2session', openData: true, phone: true, sessionKey: true,
  },
  wecom: {
    login: 'wx.qy.login()', gives: 'code', exchange: 'GET /cgi-bin/miniprogram/jscode2session',
    // WeCom has no phone code; wx.qy.getMobile's data opens as open data, not as a phone binding
    prefix: '/wecom', statsPath: '/wecom/cgi-bin/miniprogram/jscode2session', openData: true, phone: false,
    sessionKey: true,
  },
};

/** The order platforms are offered in; one the page does not know comes last. */
const ORDER = Object.keys(PLATFORMS);

/** A platform's entry; an unknown one gets a generic entry under its own prefix. */
export function platform(id) {
  return PLATFORMS[id] ?? {
    login: 'login()', gives: 'code', exchange: 'code2session',
    prefix: `/${id}`, statsPath: null, openData: true, phone: true, sessionKey: true,
  };
}

/** The platforms of the configured apps, each once, in the page's order. */
export function platformsOf(apps) {
  const present = [...new Set(apps.map((a) => a.platform))];
  return present.sort((a, b) => rank(a) - rank(b));
}

function rank(id) {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
}

/**
 * The calls the simulator counted to a platform's code exchange, from GET /sim/stats' {"calls":{path: N}}:
 * the platform's exchange path, or (for a platform not known here, or a path named otherwise) every API
 * path under its prefix. Null when the simulator lists none of them.
 */
export function exchangeCalls(calls, platformId) {
  if (!calls) {
    return null;
  }
  const entry = platform(platformId);
  if (entry.statsPath && entry.statsPath in calls) {
    return calls[entry.statsPath];
  }
  const prefix = entry.prefix ? `${entry.prefix}/` : null;
  const paths = Object.keys(calls).filter((p) => (prefix ? p.startsWith(prefix) : false));
  return paths.length ? paths.reduce((sum, p) => sum + calls[p], 0) : null;
}
