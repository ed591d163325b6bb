import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { i18n } from './i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

void bootstrap().then(() => {
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
});
