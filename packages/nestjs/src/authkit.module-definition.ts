import { ConfigurableModuleBuilder } from '@nestjs/common';
import { AUTHKIT_MODULE_OPTIONS } from './authkit.constants';
import type { AuthKitModuleExtras, AuthKitModuleOptions } from './authkit.options';
import { withAuthKitProviders } from './authkit.providers';

const DEFAULT_EXTRAS: Required<AuthKitModuleExtras> = { isGlobal: false, controller: false, basePath: 'authkit' };

export const {
  ConfigurableModuleClass: AuthKitConfigurableModule,
  OPTIONS_TYPE: AUTHKIT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUTHKIT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AuthKitModuleOptions>({ optionsInjectionToken: AUTHKIT_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAuthKitOptions')
  .setExtras<AuthKitModuleExtras>(DEFAULT_EXTRAS, (definition, extras) =>
    withAuthKitProviders(definition, { ...DEFAULT_EXTRAS, ...stripUndefined(extras) }),
  )
  .build();

function stripUndefined(extras: AuthKitModuleExtras): AuthKitModuleExtras {
  return Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== undefined));
}
