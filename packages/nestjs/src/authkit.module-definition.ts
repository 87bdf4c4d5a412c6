import { ConfigurableModuleBuilder } from '@nestjs/common';
import { AUTHKIT_MODULE_OPTIONS } from './authkit.constants';
import type { AuthKitModuleExtras, AuthKitModuleOptions, ResolvedExtras } from './authkit.options';
import { withAuthKitProviders } from './authkit.providers';

const DEFAULT_EXTRAS: ResolvedExtras = { isGlobal: false, controller: true, basePath: 'authkit', strategyPrefix: 'authkit' };

export const {
  ConfigurableModuleClass: AuthKitConfigurableModule,
  OPTIONS_TYPE: AUTHKIT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUTHKIT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AuthKitModuleOptions>({ optionsInjectionToken: AUTHKIT_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAuthKitOptions')
  .setExtras<AuthKitModuleExtras>(DEFAULT_EXTRAS, (definition, extras) =>
    withAuthKitProviders(definition, { ...DEFAULT_EXTRAS, ...Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== undefined)) }),
  )
  .build();
