// Generated from policy/pinghu-2024-2027.toml by tests/policy_data.rs; do not edit. To write it
// again: PINGHU_WRITE_GUIDE=1 cargo test --test policy_data
//
// How to apply, departments' full names and what each category's applicant must hold or
// show: policy data the element loads on demand, kept out of the engine's wasm.
export default {
  "application": {
    "text": {
      "zh": "申报时间、材料以实施细则为准。",
      "en": "When to apply and what to submit follow the detailed implementing rules (实施细则), still to be issued."
    },
    "contact": null,
    "phone": null,
    "portal": null
  },
  "departments": [
    {
      "short_zh": "商务局",
      "name": {
        "zh": "平湖市商务局",
        "en": "Pinghu Bureau of Commerce"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "财政局",
      "name": {
        "zh": "平湖市财政局",
        "en": "Pinghu Finance Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "经信局",
      "name": {
        "zh": "平湖市经济和信息化局",
        "en": "Pinghu Bureau of Economy and Information Technology"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "市场监管局",
      "name": {
        "zh": "平湖市市场监督管理局",
        "en": "Pinghu Administration for Market Regulation"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "网信办",
      "name": {
        "zh": "平湖市网信办",
        "en": "Pinghu Cyberspace Affairs Office"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "自然资源和规划局",
      "name": {
        "zh": "平湖市自然资源和规划局",
        "en": "Pinghu Bureau of Natural Resources and Planning"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "邮政管理局",
      "name": {
        "zh": "平湖市邮政管理局",
        "en": "Pinghu Postal Administration"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "发改局",
      "name": {
        "zh": "平湖市发展和改革局",
        "en": "Pinghu Development and Reform Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "交通运输局",
      "name": {
        "zh": "平湖市交通运输局",
        "en": "Pinghu Transport Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "人力社保局",
      "name": {
        "zh": "平湖市人力资源和社会保障局",
        "en": "Pinghu Human Resources and Social Security Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "教育局",
      "name": {
        "zh": "平湖市教育局",
        "en": "Pinghu Education Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "科技局",
      "name": {
        "zh": "平湖市科学技术局",
        "en": "Pinghu Science and Technology Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "公安局",
      "name": {
        "zh": "平湖市公安局",
        "en": "Pinghu Public Security Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "司法局",
      "name": {
        "zh": "平湖市司法局",
        "en": "Pinghu Justice Bureau"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "税务局",
      "name": {
        "zh": "国家税务总局平湖市税务局",
        "en": "Pinghu Taxation Bureau, State Taxation Administration"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "金融办",
      "name": {
        "zh": "平湖市金融办",
        "en": "Pinghu Financial Affairs Office"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "各镇街道",
      "name": {
        "zh": "平湖市各镇（街道）",
        "en": "Pinghu's towns and sub-districts"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "平湖经济技术开发区",
      "name": {
        "zh": "平湖经济技术开发区",
        "en": "Pinghu Economic and Technological Development Zone"
      },
      "phone": null,
      "portal": null
    },
    {
      "short_zh": "独山港经济开发区",
      "name": {
        "zh": "独山港经济开发区",
        "en": "Dushangang Economic Development Zone"
      },
      "phone": null,
      "portal": null
    }
  ],
  "requirements": [
    {
      "category": "platform_onboarding",
      "text": {
        "zh": "已入驻第三方平台或建成跨境电商独立站。",
        "en": "You have joined a third-party platform or built a cross-border e-commerce independent site."
      }
    },
    {
      "category": "brand_promotion",
      "text": {
        "zh": "按自主品牌推广、使用第三方跨境电商平台开展境外推广实际发生的费用给予支持。",
        "en": "Support is on the actual costs of own-brand promotion and of overseas promotion on third-party platforms."
      }
    },
    {
      "category": "livestream_service",
      "text": {
        "zh": "专业直播机构与跨境电商企业开展服务合作。",
        "en": "A professional livestream agency working with cross-border e-commerce enterprises."
      }
    },
    {
      "category": "public_livestream_room",
      "text": {
        "zh": "须为县级以上认定的跨境电商特色产业带企业；按公共直播间使用评定情况给予。",
        "en": "You must be an industry-belt enterprise recognised at county level or above; support depends on an assessment of the room's use."
      }
    },
    {
      "category": "certification",
      "text": {
        "zh": "须已获得管理体系认证、境外产品认证、境外商标注册或境外专利等。",
        "en": "You must have obtained management-system certification, overseas product certification, an overseas trademark registration or an overseas patent."
      }
    },
    {
      "category": "overseas_showroom",
      "text": {
        "zh": "须已入驻境外展销中心且展销一年以上。",
        "en": "You must be in an overseas exhibition-and-sales centre and have exhibited there for a year or more."
      }
    },
    {
      "category": "training",
      "text": {
        "zh": "培训须经认定（跨境电商专业培训），按标准给予实际发生费用的支持。",
        "en": "The training must be accredited (cross-border e-commerce professional training); support follows the standard, on actual costs."
      }
    },
    {
      "category": "overseas_legal",
      "text": {
        "zh": "当年度内开展境外维权，按实际支付的维权代理费给予补助。",
        "en": "Rights-protection actions overseas during the year; support is on the agency fees actually paid."
      }
    },
    {
      "category": "provincial_demo_park",
      "text": {
        "zh": "须已成功创建省级电商示范园区（基地）。",
        "en": "The park (base) must have become a provincial e-commerce demonstration park."
      }
    },
    {
      "category": "national_demo_park",
      "text": {
        "zh": "须已成功创建国家级电商示范园区（基地）。",
        "en": "The park (base) must have become a national e-commerce demonstration park."
      }
    },
    {
      "category": "one_stop_park",
      "text": {
        "zh": "为跨境电商提供一站式服务的示范引领园区。",
        "en": "A model park offering one-stop services to cross-border e-commerce."
      }
    },
    {
      "category": "selection_center",
      "text": {
        "zh": "产业集聚明显、公共服务能力强的单个产业带选品中心或线上专区。",
        "en": "A single industry-belt selection centre or online zone with clear clustering and strong public services."
      }
    },
    {
      "category": "service_center",
      "text": {
        "zh": "每年举办公益性服务对接活动、服务企业，根据绩效评价给予。",
        "en": "Free events held and enterprises served each year; given on a performance evaluation."
      }
    }
  ]
};
