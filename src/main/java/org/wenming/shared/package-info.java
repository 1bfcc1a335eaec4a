/**
 * The few value types every module needs: the region data scope that confines a staff member
 * to a subtree of the division tree, and the view of the signed-in person other modules may rely on.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.wenming.platform.ModuleTables
package org.wenming.shared;
