// Simplified Chinese messages: the default language and the source of the key set.
//
// en.ts is typed against `Messages` below, so a key missing from or added to one file alone fails
// the type check; messages.test.ts checks the same at run time. vue-i18n treats `@ { } |` and `$`
// as syntax: keep them out of the text, or write them as literals ({'@'}).

const zhCN = {
  app: {
    name: '社区综合服务平台',
  },
  lang: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  common: {
    refresh: '刷新',
    reset: '重置',
    all: '全部',
    search: '查询',
    backHome: '返回首页',
  },
  menu: {
    dashboard: '首页',
    registry: '人口登记',
    requests: '接诉即办',
    eldercare: '一老 · 养老服务',
    childcare: '一小 · 托育服务',
    gigwork: '新就业群体',
    renewal: '城市更新',
    planning: '完整社区规划',
    admin: '系统管理',
    users: '用户管理',
    audit: '审计日志',
  },
  layout: {
    toggleSidebar: '展开/收起菜单',
    userMenu: '用户菜单',
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
  login: {
    title: '登录',
    subtitle: '街道、社区与网格工作人员使用',
    login: '账号',
    loginPlaceholder: '请输入账号',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    loginRequired: '请输入账号',
    loginTooLong: '账号不能超过 {max} 个字符',
    passwordRequired: '请输入密码',
    wrongCredentials: '用户名或密码错误',
    tooManyAttempts: '登录失败次数过多，请在 {minutes} 分钟后重试。',
    retryIn: '{time} 后可重试',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试。',
    http: '请求失败（HTTP {status}）。',
    unknown: '出现意外错误，请稍后重试。',
    forbiddenTitle: '无权访问',
    forbiddenSubtitle: '您的角色没有查看此页面的权限。如需访问，请联系系统管理员。',
    notFoundTitle: '页面不存在',
    notFoundSubtitle: '您访问的页面不存在或已被移除。',
    loadFailed: '加载失败',
    // By the server's error code (api/errors.ts).
    unauthenticated: '登录已失效，请重新登录。',
    permission_denied: '您没有执行此操作的权限。',
    not_found: '要访问的记录不存在或已被删除。',
    conflict: '与现有数据冲突（可能已存在相同记录），请刷新后重试。',
    resource_exhausted: '操作过于频繁，请在 {minutes} 分钟后重试。',
    resource_exhausted_later: '操作过于频繁，请稍后重试。',
    unavailable: '服务暂时不可用，请稍后重试。',
    internal: '内部错误，请求编号 {id}',
    internal_no_id: '服务器内部错误，请稍后重试。',
    invalid_argument: '请检查「{field}」',
    invalid_json: '请求格式有误，请刷新页面后重试。',
    bad_request: '请求有误，请刷新页面后重试。',
    payload_too_large: '提交的内容过大。',
    header_too_large: '请求头过大，请清除本站 Cookie 后重试。',
    route_not_found: '请求的接口不存在，请刷新页面；如仍出现，请联系系统管理员。',
    method_not_allowed: '服务器不支持此操作。',
    unsupported_media_type: '请求的内容类型不受支持。',
    request_timeout: '请求超时，请重试。',
  },
  // Labels of request fields named by a server error's `field`.
  fields: {
    login: '账号',
    password: '密码',
    display_name: '姓名',
    role: '角色',
    scope: '管辖范围',
    scope_kind: '管辖范围类型',
    scope_id: '管辖范围',
    street_id: '街道',
    community_id: '社区',
    grid_id: '网格',
    disabled: '账号状态',
    action: '操作类型',
    limit: '每页条数',
    before_id: '分页位置',
  },
  scope: {
    label: '管辖范围',
    display: '{kind}：{name}',
    kind: {
      street: '街道',
      community: '社区',
      grid: '网格',
    },
  },
  roles: {
    admin: '系统管理员',
    street_admin: '街道管理员',
    community_worker: '社区工作者',
    grid_worker: '网格员',
    resident: '居民',
    volunteer: '志愿者',
    caregiver: '居家养老服务人员',
    canteen_operator: '老年食堂运营方',
    childcare_operator: '托育机构',
    courier: '新就业群体劳动者',
    planner: '规划人员',
  },
  dashboard: {
    welcome: '{name}，您好',
    countsTitle: '数据概览',
    empty: '暂无统计数据',
    counts: {
      streets: '街道',
      communities: '社区',
      grids: '网格',
      users: '用户',
      residents: '居民',
      buildings: '楼栋',
      households: '住户',
      audit_events_today: '今日审计事件',
    },
  },
  users: {
    login: '账号',
    displayName: '姓名',
    role: '角色',
    scope: '管辖范围',
    status: '状态',
    enabled: '正常',
    disabled: '停用',
    createdAt: '创建时间',
    keyword: '关键字',
    keywordPlaceholder: '账号或姓名',
    rolePlaceholder: '选择角色',
    empty: '没有符合条件的用户',
  },
  audit: {
    at: '时间',
    login: '账号',
    action: '操作',
    record: '操作对象',
    remoteAddress: '来源地址',
    requestId: '请求编号',
    detail: '详情',
    actionFilter: '操作类型',
    actionPlaceholder: '如 session.login',
    loadMore: '加载更多',
    noMore: '没有更多记录了',
    shown: '已显示 {count} 条',
    empty: '暂无审计记录',
    // By the server's action name: `session.login` is actions.session.login.
    actions: {
      session: {
        login: '登录',
        login_failed: '登录失败',
        logout: '退出登录',
      },
      user: {
        create: '创建用户',
        disable: '停用用户',
        enable: '启用用户',
      },
    },
    recordTypes: {
      user: '用户',
      session: '会话',
    },
    details: {
      unknownLogin: '账号不存在',
      wrongPassword: '密码错误',
      accountDisabled: '账号已停用',
    },
  },
  modulePage: {
    status: '建设中',
    plannedTitle: '本模块将提供',
  },
  modules: {
    registry: {
      summary:
        '一本台账管好辖区的楼栋、住户和居民：人口结构一目了然；身份证号、手机号加密存储、脱敏显示，每次查看都留痕。',
      features: [
        '楼栋、单元、房屋台账',
        '住户与居民登记，区分户籍与常住',
        '人口结构统计：老年人、儿童、重点人群',
        '个人信息加密存储、脱敏显示、查看留痕审计',
        '网格员只看本网格的居民与楼栋',
      ],
    },
    requests: {
      summary:
        '居民诉求从受理到办结全程跟踪：签收、派单、办结、回访，按时限督办，居民评价办理结果，统计响应率、解决率、满意率。',
      features: [
        '诉求受理：线上、电话、走访',
        '签收、派单、办结、回访、重办',
        '办理时限与超期提醒',
        '居民评价与“三率”统计',
        '未诉先办：同类诉求聚集时主动立项',
        'Open311 接口，兼容现有报事应用',
      ],
    },
    eldercare: {
      summary:
        '“一老”服务：老年食堂与助餐点、居家养老服务、老年人能力评估、志愿者与时间银行。',
      features: [
        '老年食堂点餐，分档补贴价格，测算运营可持续性',
        '居家养老服务预约与上门记录',
        '老年人能力评估（GB/T 42195-2022，0–4 级）与照护计划',
        '志愿者报名、活动与时间银行积分',
      ],
    },
    childcare: {
      summary:
        '“一小”服务：3 岁以下婴幼儿托育，托育机构、托位与普惠托位、入托申请与候补、育儿补贴。',
      features: [
        '托育机构与班级（乳儿班、托小班、托大班、混龄班）',
        '托位与普惠托位供给',
        '入托申请与候补名单',
        '育儿补贴申请与审核',
        '师幼比检查',
      ],
    },
    gigwork: {
      summary:
        '快递员、外卖骑手、网约车司机等新就业群体的友好社区：驿站、充电、小区通行与随手上报。',
      features: [
        '暖心驿站地图：充电、休息、饮水、就餐',
        '充电时段预约',
        '小区通行证申请与核验',
        '友好商户',
        '骑手、快递员随手拍上报问题',
      ],
    },
    renewal: {
      summary: '老旧小区改造与城市更新：改造项目、加装电梯业主表决、停车管理。',
      features: [
        '老旧小区改造项目与进度',
        '加装电梯业主表决：按人数和专有部分面积双重计票（民法典第二百七十八条）',
        '停车位与停车管理',
      ],
    },
    planning: {
      summary:
        '在真实步行路网上评估完整社区和 5、10、15 分钟生活圈覆盖，测算养老、托育等设施的供需缺口，为新设施选址。',
      features: [
        '导入 OpenStreetMap 路网、建筑与设施',
        '步行可达性与生活圈覆盖地图',
        '完整社区评估（住房和城乡建设部标准）',
        '设施供需分析（两步移动搜寻法 2SFCA）',
        '新设施选址与服务路线优化',
      ],
    },
  },
};

export type Messages = typeof zhCN;
export default zhCN;
