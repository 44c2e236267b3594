// Entry point: Vue with Element Plus, vue-i18n and the router, and the API client plugged into
// the UI (messages through ElMessage in the UI's language, a lost session back to the sign-in
// page).
import { createApp } from 'vue';
import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';

import App from './App.vue';
import { configureClient } from './api/client';
import { forgetSession } from './auth/session';
import { currentLocale, i18n, translator } from './i18n';
import { router } from './router';
import './styles.css';

configureClient({
  notify: (message) => ElMessage({ type: 'error', message, grouping: true, showClose: true }),
  onUnauthenticated: () => {
    forgetSession();
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
  language: () => currentLocale.value,
  translator,
});

createApp(App).use(i18n).use(ElementPlus).use(router).mount('#app');
