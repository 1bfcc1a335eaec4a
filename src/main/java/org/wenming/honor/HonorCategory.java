package org.wenming.honor;

/** The five categories of good people (好人类别); names are in the bundles ({@code honor.category.CODE}). */
public enum HonorCategory {

	/** 助人为乐 */
	HELPING,

	/** 见义勇为 */
	BRAVERY,

	/** 诚实守信 */
	HONESTY,

	/** 敬业奉献 */
	DEDICATION,

	/** 孝老爱亲 */
	FILIAL
}
